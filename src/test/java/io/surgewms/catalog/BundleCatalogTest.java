package io.surgewms.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** A seller's "2 or 3 products at one price" listing: a product made of components of the same shop, defined whole or not at all. */
@QuarkusTest
class BundleCatalogTest {

    private static final String HEADER = "shop,sku,name,barcodes,weight_g,length_mm,width_mm,height_mm,components\n";

    private static Map<String, Object> product(String shop, String sku, Object... skuQty) {
        List<Map<String, Object>> components = new java.util.ArrayList<>();
        for (int i = 0; i < skuQty.length; i += 2) components.add(Map.of("sku", skuQty[i], "quantity", skuQty[i + 1]));
        return Map.of("shop", shop, "sku", sku, "name", "Set " + sku, "components", components);
    }

    @Test
    void shall_create_a_bundle_through_the_api_and_show_its_components() {
        String shop = Shops.create("bun");
        ProductApiTest.create(shop, "MUG", "\"BUN-MUG-1\"");
        ProductApiTest.create(shop, "SPOON", "\"BUN-SPOON-1\"");
        int id = given().contentType(ContentType.JSON).body(product(shop, "MUG-SET", "MUG", 2, "SPOON", 1)).post("/api/products")
                .then().statusCode(201)
                .body("components.sku", contains("MUG", "SPOON")).body("components.quantity", contains(2, 1))
                .extract().path("id");
        given().get("/api/products/" + id).then().body("components.sku", contains("MUG", "SPOON"));
        given().queryParam("shop", shop).queryParam("q", "MUG").get("/api/products").then()
                .body("items.sku", contains("MUG", "MUG-SET")).body("items[0].components", nullValue())
                .body("items[1].components.quantity", contains(2, 1));
    }

    @Test
    void shall_refuse_a_bad_bundle_naming_the_component_and_write_nothing() {
        String shop = Shops.create("bunbad"), other = Shops.create("bunother");
        ProductApiTest.create(shop, "A", "\"BB-A-1\"");
        ProductApiTest.create(other, "THEIRS", "\"BB-T-1\"");
        given().contentType(ContentType.JSON).body(product(shop, "S1", "A", 1, "THEIRS", 1)).post("/api/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("components[1].sku")).body("errors[0].reason", containsString("unknown SKU 'THEIRS'"));
        given().contentType(ContentType.JSON).body(product(shop, "S2", "A", 0)).post("/api/products")
                .then().statusCode(400).body("errors[0].field", equalTo("components[0].quantity"));
        given().contentType(ContentType.JSON).body(product(shop, "S3", "S3", 1)).post("/api/products")
                .then().statusCode(400).body("errors[0].reason", equalTo("a bundle cannot contain itself"));
        // one level only: neither a bundle in a bundle nor a component turned bundle
        given().contentType(ContentType.JSON).body(product(shop, "S4", "A", 2)).post("/api/products").then().statusCode(201);
        given().contentType(ContentType.JSON).body(product(shop, "S5", "S4", 1)).post("/api/products")
                .then().statusCode(400).body("errors[0].field", equalTo("components[0].sku"))
                .body("errors[0].reason", containsString("'S4' is a bundle"));
        ProductApiTest.create(shop, "B", "\"BB-B-1\"");
        int a = given().queryParam("shop", shop).queryParam("q", "BB-A-1").get("/api/products").then().extract().path("items[0].id");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "A", "barcodes", List.of("BB-A-1"), "components", List.of(Map.of("sku", "B", "quantity", 1))))
                .put("/api/products/" + a).then().statusCode(400)
                .body("errors[0].reason", containsString("'A' is a component of bundle 'S4'"));
        given().queryParam("shop", shop).get("/api/products").then().body("items.sku", contains("A", "S4", "B"));
    }

    @Test
    void shall_import_bundles_by_csv_and_refuse_each_bad_row_whole() {
        String shop = Shops.create("buncsv");
        String csv = HEADER
                + shop + ",TEA,Tea,BC-TEA,100,,,,\n"
                + shop + ",CUP,Cup,BC-CUP,200,,,,\n"
                + shop + ",TEA-SET,Tea for two,BC-SET,,,,,TEA*2;CUP*2\n"   // components of rows above: fine
                + shop + ",GIFT,Gift box,BC-GIFT,,,,,TEA;NOPE*1\n"        // unknown component
                + shop + ",DOUBLE,Two sets,BC-DBL,,,,,TEA-SET*2\n"        // a bundle in a bundle
                + shop + ",ZERO,Zero cups,BC-ZERO,,,,,CUP*0\n"            // quantity not positive
                + shop + ",ODD,Odd,BC-ODD,,,,,CUP*two\n";                 // quantity not a number
        given().contentType("text/csv").body(csv).post("/api/products/import")
                .then().statusCode(200).body("imported", equalTo(3))
                .body("rejected.row", contains(4, 5, 6, 7))
                .body("rejected.field", contains("components", "components", "components", "components"))
                .body("rejected[0].reason", containsString("unknown SKU 'NOPE'"))
                .body("rejected[1].reason", containsString("'TEA-SET' is a bundle"));
        // a refused row wrote nothing, not even the product or its barcode
        given().queryParam("shop", shop).get("/api/products").then().body("items.sku", contains("TEA", "CUP", "TEA-SET"))
                .body("items[2].components.sku", contains("TEA", "CUP")).body("items[2].components.quantity", contains(2, 2));
        given().queryParam("shop", shop).get("/api/barcodes/BC-GIFT").then().statusCode(404);
    }

    @Test
    void shall_import_bundles_by_json_and_leave_a_definition_alone_when_a_row_omits_components() {
        String shop = Shops.create("bunjson");
        given().contentType(ContentType.JSON).body(List.of(
                        Map.of("shop", shop, "sku", "SOAP", "name", "Soap"),
                        Map.of("shop", shop, "sku", "TOWEL", "name", "Towel"),
                        product(shop, "BATH", "SOAP", 3, "TOWEL", 1),
                        product(shop, "BAD", "SOAP", 1, "SOAP", 2)))
                .post("/api/products/import").then().statusCode(200).body("imported", equalTo(3))
                .body("rejected", hasSize(1)).body("rejected[0].row", equalTo(4)).body("rejected[0].field", equalTo("components[1].sku"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("shop", shop, "sku", "BATH", "name", "Bath set, renamed")))
                .post("/api/products/import").then().statusCode(200).body("updated", equalTo(1));
        given().queryParam("shop", shop).queryParam("q", "BATH").get("/api/products").then()
                .body("items[0].name", equalTo("Bath set, renamed")).body("items[0].components.sku", contains("SOAP", "TOWEL"));
    }

    @Test
    void shall_refuse_to_receive_a_bundle_and_to_make_a_stocked_product_a_bundle() {
        Floor f = new Floor().sku("PEN").sku("INK");
        String bin = f.bin("PICK_FACE", 1);
        f.receive("INK", bin, 5);
        f.bundle("PEN-KIT", "PEN", 1, "INK", 2);
        given().contentType(ContentType.JSON)
                .body(Map.of("shop", f.shop, "reference", "r", "lines", List.of(Map.of("sku", "PEN-KIT", "location", bin, "quantity", 1))))
                .post("/api/inventory/receipts").then().statusCode(400)
                .body("errors[0].field", equalTo("lines[0].sku")).body("errors[0].reason", containsString("is a bundle"));
        f.sku("CASE");
        given().contentType(ContentType.JSON).body(product(f.shop, "INK", "CASE", 1)).post("/api/products").then().statusCode(409);
        int ink = given().queryParam("shop", f.shop).queryParam("q", "INK").get("/api/products").then().extract().path("items[0].id");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ink", "barcodes", List.of(), "components", List.of(Map.of("sku", "CASE", "quantity", 1))))
                .put("/api/products/" + ink).then().statusCode(400).body("errors.reason", org.hamcrest.Matchers.hasItem(containsString("'INK' has stock")));
        org.junit.jupiter.api.Assertions.assertEquals(0, f.onHand("PEN-KIT"));
    }
}
