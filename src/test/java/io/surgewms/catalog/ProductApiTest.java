package io.surgewms.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ProductApiTest {

    static String body(String shop, String sku, String barcodes) {
        return "{\"shop\":\"" + shop + "\",\"sku\":\"" + sku + "\",\"name\":\"Serum " + sku + "\",\"barcodes\":[" + barcodes + "],"
                + "\"weightG\":120,\"lengthMm\":100,\"widthMm\":40,\"heightMm\":40}";
    }

    static int create(String shop, String sku, String barcodes) {
        return given().contentType("application/json").body(body(shop, sku, barcodes))
                .post("/api/products").then().statusCode(201).extract().path("id");
    }

    @Test
    void shall_create_a_product_and_find_it_by_each_of_its_barcodes() {
        String shop = Shops.create("glow");
        given().contentType("application/json").body(body(shop, "GL-001", "\"4006381333931\",\"GL001\""))
                .post("/api/products")
                .then().statusCode(201)
                .body("shop", equalTo(shop)).body("sku", equalTo("GL-001")).body("name", equalTo("Serum GL-001"))
                .body("barcodes.barcode", contains("4006381333931", "GL001"))
                .body("barcodes.kind", contains("GTIN13", "SHOP"))
                .body("weightG", equalTo(120)).body("lengthMm", equalTo(100))
                .body("widthMm", equalTo(40)).body("heightMm", equalTo(40));

        given().queryParam("shop", shop).get("/api/barcodes/4006381333931")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].sku", equalTo("GL-001"));
        given().queryParam("shop", shop).get("/api/barcodes/GL001")
                .then().statusCode(200).body("[0].sku", equalTo("GL-001"));
    }

    @Test
    void shall_tell_the_kind_of_each_gtin_length() {
        String shop = Shops.create("kinds");
        given().contentType("application/json").body(body(shop, "K-1", "\"96385074\",\"036000291452\",\"10012345678902\""))
                .post("/api/products")
                .then().statusCode(201).body("barcodes.kind", contains("GTIN8", "GTIN12", "GTIN14"));
    }

    @Test
    void shall_reject_a_gtin_with_a_wrong_check_digit() {
        String shop = Shops.create("badgtin");
        given().contentType("application/json").body(body(shop, "GL-002", "\"GL002\",\"4006381333932\""))
                .post("/api/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("barcodes[1]"))
                .body("errors[0].reason", equalTo("invalid check digit"));
        given().queryParam("shop", shop).get("/api/products").then().body("total", equalTo(0));
    }

    @Test
    void shall_reject_a_scan_of_a_gtin_with_a_wrong_check_digit() {
        given().get("/api/barcodes/4006381333932").then().statusCode(400)
                .body("errors[0].field", equalTo("code")).body("errors[0].reason", equalTo("invalid check digit"));
    }

    @Test
    void shall_answer_404_problem_for_a_barcode_no_product_has() {
        String shop = Shops.create("nobar");
        given().queryParam("shop", shop).get("/api/barcodes/NOPE-123").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shall_refuse_a_second_product_with_the_same_sku_in_a_shop() {
        String shop = Shops.create("dupsku");
        create(shop, "GL-001", "\"GL001\"");
        given().contentType("application/json").body(body(shop, "GL-001", "\"GL001-B\""))
                .post("/api/products")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("sku"));
    }

    @Test
    void shall_allow_the_same_sku_and_gtin_in_two_shops() {
        String one = Shops.create("twin"), two = Shops.create("twin");
        create(one, "SAME", "\"4006381333931\"");
        create(two, "SAME", "\"4006381333931\"");
        given().get("/api/barcodes/4006381333931?shop=" + two).then().statusCode(200).body("[0].shop", equalTo(two));
    }

    @Test
    void shall_refuse_a_barcode_another_product_of_the_shop_has() {
        String shop = Shops.create("dupbar");
        create(shop, "A", "\"SHARED-1\"");
        given().contentType("application/json").body(body(shop, "B", "\"B-1\",\"SHARED-1\""))
                .post("/api/products")
                .then().statusCode(409).body("errors[0].field", equalTo("barcodes[1]"))
                .body("errors[0].reason", containsString("sku 'A'"));
    }

    @Test
    void shall_refuse_an_unknown_shop_naming_the_field() {
        given().contentType("application/json").body(body("no-such-shop", "X", ""))
                .post("/api/products")
                .then().statusCode(400).body("errors[0].field", equalTo("shop"))
                .body("errors[0].reason", equalTo("unknown shop 'no-such-shop'"));
    }

    @Test
    void shall_refuse_a_negative_dimension_naming_the_field() {
        String shop = Shops.create("neg");
        given().contentType("application/json")
                .body("{\"shop\":\"" + shop + "\",\"sku\":\"N\",\"name\":\"N\",\"weightG\":-1,\"heightMm\":-5}")
                .post("/api/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("heightMm", "weightG"));
    }

    @Test
    void shall_replace_name_dimensions_and_barcodes_on_put() {
        String shop = Shops.create("put");
        int id = create(shop, "P-1", "\"OLD-1\",\"KEEP-1\"");
        given().contentType("application/json")
                .body("{\"name\":\"Serum 50 ml\",\"barcodes\":[\"KEEP-1\",\"4006381333931\"],\"weightG\":150,\"lengthMm\":1,\"widthMm\":2,\"heightMm\":3}")
                .put("/api/products/" + id)
                .then().statusCode(200).body("name", equalTo("Serum 50 ml"))
                .body("barcodes.barcode", contains("KEEP-1", "4006381333931")).body("weightG", equalTo(150));
        given().get("/api/products/" + id).then().statusCode(200).body("heightMm", equalTo(3)).body("sku", equalTo("P-1"));
        given().queryParam("shop", shop).get("/api/barcodes/OLD-1").then().statusCode(404);
    }

    @Test
    void shall_search_by_sku_or_name_in_any_case_or_by_exact_barcode() {
        String shop = Shops.create("search");
        create(shop, "LIP-RED", "\"LR-1\"");
        create(shop, "LIP-PINK", "\"LP-1\"");
        create(shop, "SERUM-1", "\"96385074\"");
        given().queryParams("shop", shop, "q", "lip").get("/api/products").then().statusCode(200)
                .body("total", equalTo(2)).body("items.sku", contains("LIP-RED", "LIP-PINK"));
        given().queryParams("shop", shop, "q", "red lip").get("/api/products").then().body("total", equalTo(0));
        given().queryParams("shop", shop, "q", "96385074").get("/api/products").then()
                .body("items.sku", contains("SERUM-1"));
        given().queryParams("shop", shop, "size", 2, "page", 1).get("/api/products").then()
                .body("total", equalTo(3)).body("items", hasSize(1)).body("page", equalTo(1));
    }

    @Test
    void shall_answer_404_problem_for_an_unknown_product() {
        given().get("/api/products/999999999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shall_answer_malformed_json_with_a_problem() {
        given().contentType("application/json").body("{\"shop\":\"x\",").post("/api/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("$")).body("errors[0].reason", startsWith("malformed JSON"));
    }

    @Test
    void shall_answer_a_wrongly_typed_field_with_a_problem_naming_it() {
        given().contentType("application/json").body("{\"shop\":\"x\",\"sku\":\"a\",\"name\":\"b\",\"weightG\":\"heavy\"}")
                .post("/api/products")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("weightG"));
    }

    @Test
    void shall_answer_a_wrong_content_type_with_a_problem() {
        given().contentType("text/plain").body("sku=1").post("/api/products")
                .then().statusCode(415).contentType("application/problem+json");
    }
}
