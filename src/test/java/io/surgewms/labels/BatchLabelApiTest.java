package io.surgewms.labels;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Badges for the floor team, and replacement labels, printed from a list. */
@QuarkusTest
class BatchLabelApiTest {

    @Test
    void shall_print_badges_for_a_list_of_people_as_zpl_and_as_a_sheet() throws Exception {
        List<Map<String, String>> team = List.of(Map.of("kind", "BADGE", "code", "P-0042", "caption", "Priya Picker"),
                Map.of("kind", "badge", "code", "K-0007", "caption", "Karl Packer"), Map.of("kind", "TOTE", "code", "TOTE-0099"));
        String zpl = given().contentType(ContentType.JSON).body(team).queryParam("format", "zpl").post("/api/labels/batch")
                .then().statusCode(200).contentType("application/zpl").extract().asString();
        assertEquals(3, zpl.split("\\^XA", -1).length - 1, "one label per entry");
        assertTrue(zpl.contains("^FDP-0042^FS") && zpl.contains("Priya Picker"), zpl);
        byte[] pdf = given().contentType(ContentType.JSON).body(team).post("/api/labels/batch")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Karl Packer") && text.contains("TOTE-0099"), text);
        }
    }

    @Test
    void shall_name_every_bad_entry_and_print_nothing() {
        List<Map<String, String>> bad = List.of(Map.of("kind", "BADGE", "code", "ok-1 lower"), Map.of("kind", "TOTE", "code", "TOTE-0001"),
                Map.of("kind", "SHELF", "code", "X"));
        given().contentType(ContentType.JSON).body(bad).post("/api/labels/batch").then().statusCode(400)
                .contentType("application/problem+json").body("errors", hasSize(2))
                .body("errors[0].field", equalTo("[0]")).body("errors[1].field", equalTo("[2]"));
        given().contentType(ContentType.JSON).body(List.of()).post("/api/labels/batch").then().statusCode(400);
    }
}
