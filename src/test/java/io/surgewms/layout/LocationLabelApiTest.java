package io.surgewms.layout;

import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LocationLabelApiTest {

    @Test
    void shall_print_bin_and_tote_labels_of_a_zone_as_zpl_or_a_pdf_sheet() throws Exception {
        Floor f = new Floor();
        f.bin("PICK_FACE", 1);
        f.bin("PICK_FACE", 2);
        f.tote(1);
        String zpl = given().queryParam("zone", f.zone).queryParam("format", "zpl").get("/api/locations/labels")
                .then().statusCode(200).extract().asString();
        assertEquals(3, zpl.split("\\^XA", -1).length - 1, "one ^XA...^XZ per label");
        assertTrue(zpl.contains(f.zone + "-P-1") && zpl.contains("TOTE-" + f.zone + "-1"));
        byte[] pdf = given().queryParam("zone", f.zone).get("/api/locations/labels").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).contains(f.zone + "-P-2"));
        }
        given().get("/api/locations/labels").then().statusCode(400);
        given().queryParam("zone", "NOWHERE-X").get("/api/locations/labels").then().statusCode(404);
    }
}
