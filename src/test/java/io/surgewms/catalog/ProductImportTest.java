package io.surgewms.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProductImportTest {

    private static final String HEADER = "shop,sku,name,barcodes,weight_g,length_mm,width_mm,height_mm\n";

    @Test
    void shall_import_the_good_rows_of_a_csv_and_report_the_bad_one_with_row_and_field() {
        String shop = Shops.create("csv");
        String csv = HEADER
                + shop + ",C-1,\"Serum, 30 ml\",4006381333931;C1,120,100,40,40\n"
                + shop + ",C-2,Toner,4006381333932;C2,80,1,2,3\n"   // wrong check digit
                + shop + ",C-3,Mask,,50,,,\n";
        given().contentType("text/csv").body(csv).post("/api/products/import")
                .then().statusCode(200)
                .body("imported", equalTo(2)).body("updated", equalTo(0))
                .body("rejected", hasSize(1))
                .body("rejected[0].row", equalTo(2))
                .body("rejected[0].field", equalTo("barcodes[0]"))
                .body("rejected[0].reason", equalTo("invalid check digit"));

        given().queryParam("shop", shop).get("/api/products").then()
                .body("items.sku", contains("C-1", "C-3"));
        given().queryParams("shop", shop).get("/api/barcodes/C2").then().statusCode(404);
        given().queryParam("shop", shop).get("/api/barcodes/4006381333931").then()
                .body("[0].name", equalTo("Serum, 30 ml")).body("[0].barcodes.barcode", contains("4006381333931", "C1"));
    }

    @Test
    void shall_update_existing_skus_and_replace_their_barcodes() {
        String shop = Shops.create("upsert");
        int id = ProductApiTest.create(shop, "U-1", "\"U1-OLD\"");
        String csv = HEADER
                + shop + ",U-1,Renamed,U1-NEW,7,,,\n"
                + shop + ",U-2,Fresh,U1-OLD,1,1,1,1\n"; // the barcode U-1 just gave up
        given().contentType("text/csv").body(csv).post("/api/products/import")
                .then().statusCode(200).body("imported", equalTo(1)).body("updated", equalTo(1)).body("rejected", hasSize(0));
        given().get("/api/products/" + id).then().body("name", equalTo("Renamed")).body("weightG", equalTo(7))
                .body("barcodes.barcode", contains("U1-NEW"));
        given().queryParam("shop", shop).get("/api/barcodes/U1-OLD").then().body("[0].sku", equalTo("U-2"));
    }

    @Test
    void shall_reject_rows_that_clash_with_the_shop_or_an_earlier_row() {
        String shop = Shops.create("clash");
        ProductApiTest.create(shop, "HAS", "\"TAKEN-1\"");
        String csv = HEADER
                + shop + ",X-1,One,TAKEN-1,,,,\n"      // barcode of another product
                + "nobody-" + shop + ",X-2,Two,,,,,\n"  // unknown shop
                + shop + ",X-3,Three,X3,-4,,,\n"       // negative weight
                + shop + ",X-4,Four,X4,heavy,,,\n"      // not a number
                + shop + ",X-5,Five,X5,,,,\n"
                + shop + ",X-5,Five again,X5B,,,,\n"    // same SKU twice
                + shop + ",X-6,Six,X5,,,,\n"            // barcode of an earlier row
                + shop + ",X-7,Seven\n";                // short row
        given().contentType("text/csv").body(csv).post("/api/products/import")
                .then().statusCode(200).body("imported", equalTo(1))
                .body("rejected.row", contains(1, 2, 3, 4, 6, 7, 8))
                .body("rejected.field", contains("barcodes[0]", "shop", "weight_g", "weight_g", "sku", "barcodes[0]", "$"));
        given().queryParam("shop", shop).get("/api/products").then().body("items.sku", contains("HAS", "X-5"));
    }

    @Test
    void shall_import_a_json_array_reporting_a_mistyped_element() {
        String shop = Shops.create("json");
        String body = "[" + ProductApiTest.body(shop, "J-1", "\"J1\"") + ","
                + "{\"shop\":\"" + shop + "\",\"sku\":\"J-2\",\"name\":\"x\",\"weightG\":\"heavy\"},"
                + "{\"shop\":\"" + shop + "\",\"sku\":\"J-3\",\"name\":\"\"}]";
        given().contentType("application/json").body(body).post("/api/products/import")
                .then().statusCode(200).body("imported", equalTo(1))
                .body("rejected.row", contains(2, 3)).body("rejected.field", contains("weightG", "name"));
    }

    @Test
    void shall_refuse_a_csv_with_an_unknown_column() {
        given().contentType("text/csv").body("shop,sku,name,colour\nx,y,z,red\n").post("/api/products/import")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("header"));
    }

    @Test
    void shall_import_and_then_update_ten_thousand_rows_in_one_request() {
        String shop = Shops.create("bulk");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 10_000; i++)
            csv.append(shop).append(",B-").append(i).append(",Bulk item ").append(i).append(",BULK").append(i)
                    .append(';').append(io.surgewms.barcode.Gtin.withCheckDigit(String.format("400000%06d", i))).append(",100,10,10,10\n");
        // Speed is a benchmark's business; here: all rows land, and a second import updates rather than duplicates.
        given().contentType("text/csv").body(csv.toString()).post("/api/products/import")
                .then().statusCode(200).body("imported", equalTo(10_000)).body("rejected", hasSize(0));
        given().contentType("text/csv").body(csv.toString()).post("/api/products/import")
                .then().statusCode(200).body("updated", equalTo(10_000));
        given().queryParams("shop", shop, "q", "B-9999").get("/api/products").then().body("total", equalTo(1));
        given().queryParam("shop", shop).get("/api/barcodes/BULK1234").then().body("[0].sku", equalTo("B-1234"))
                .body("[0].barcodes", hasSize(2));
        given().queryParam("shop", shop).get("/api/products").then().body("total", lessThan(10_001));
    }
}
