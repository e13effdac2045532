package io.surgewms.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProductLabelApiTest {

    @Test
    void shall_print_product_labels_with_their_gtin_in_the_copies_asked_for() throws Exception {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "403100000001");
        f.sku("NOGTIN");
        String zpl = given().queryParams("shop", f.shop, "sku", "A", "copies", 3, "format", "zpl").get("/api/products/labels")
                .then().statusCode(200).extract().asString();
        assertEquals(3, zpl.split("\\^XA", -1).length - 1);
        assertTrue(zpl.contains(gtin));
        byte[] pdf = given().queryParam("shop", f.shop).get("/api/products/labels").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).contains(gtin));
        }
        given().queryParams("shop", f.shop, "sku", "NOGTIN").get("/api/products/labels").then().statusCode(404);
        given().queryParams("shop", f.shop, "copies", 0).get("/api/products/labels").then().statusCode(400);
    }
}
