package io.surgewms.intake.csv;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OrderImportTest {

    static final String HEADER = "shop,external_id,ship_by,carrier,service,priority,content_tag,name,line1,line2,city,region,postal_code,country,phone,email,sku,quantity\n";

    static String row(String shop, String ext, String shipBy, String name, String line1, String country, String sku, Object qty) {
        return String.join(",", shop, ext, shipBy, "UPS", "GROUND", "0", "", name, line1, "", "Austin", "TX", "78701", country, "", "",
                sku, String.valueOf(qty)) + "\n";
    }

    static JsonPath importCsv(String csv) {
        return given().contentType("text/csv; charset=UTF-8").body(csv).post("/api/orders/import").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shall_hand_out_a_template_that_imports_as_it_is() {
        Floor f = new Floor().sku("T-1");
        f.receive("T-1", f.bin("PICK_FACE", 1), 5);
        String template = given().queryParam("shop", f.shop).get("/api/orders/import/template").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .body(startsWith("shop,external_id,ship_by,carrier,service,priority,content_tag,name,company,line1,line2,city,region,postal_code,country,phone,email,sku,quantity"))
                .extract().asString();
        assertEquals(2, template.strip().split("\r\n").length, template);
        JsonPath r = importCsv(template);
        assertEquals(1, r.getInt("created"), r.prettify());
        assertEquals(List.of(), r.getList("errors"));
        assertEquals("Zoë Buyer", f.text("select ship_to_name from orders o join shop s on s.id = o.shop_id where s.code = ? and o.channel = 'csv'", f.shop));
        assertEquals("1 Main St, Suite 5", f.text("select ship_to_line1 from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop));
        assertEquals(1, f.allocated("T-1"));
    }

    @Test
    void shall_take_the_ship_to_company_from_an_optional_company_column() {
        Floor f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        String ship = "2030-01-02T10:00:00Z";
        String csv = "shop,external_id,ship_by,carrier,service,name,company,line1,city,postal_code,country,sku,quantity\n"
                + String.join(",", f.shop, "co-1", ship, "UPS", "GROUND", "Ann", "\"Acme, Inc.\"", "2 Elm St", "Austin", "78701", "US", "A", "1") + "\n"
                + String.join(",", f.shop, "co-2", ship, "UPS", "GROUND", "Bob", "", "3 Elm St", "Austin", "78701", "US", "A", "1") + "\n";
        JsonPath r = importCsv(csv);
        assertEquals(2, r.getInt("created"), r.prettify());
        String sql = "select coalesce(ship_to_company, '(none)') from orders o join shop s on s.id = o.shop_id where s.code = ? and o.external_id = ?";
        assertEquals("Acme, Inc.", f.text(sql, f.shop, "co-1"));
        assertEquals("(none)", f.text(sql, f.shop, "co-2"));
    }

    @Test
    void shall_import_the_good_orders_name_every_bad_row_and_import_nothing_of_an_order_with_one() {
        Floor f = new Floor().sku("A").sku("B");
        f.receive("A", f.bin("PICK_FACE", 1), 50);
        f.receive("B", f.bin("PICK_FACE", 2), 50);
        String ship = "2030-01-02T10:00:00Z";
        String csv = HEADER
                + row(f.shop, "good-1", ship, "\"Müller, Jürgen\"", "\"1 Main St, Apt \"\"B\"\"\"", "US", "A", 2)   // row 1
                + row(f.shop, "good-1", ship, "\"Müller, Jürgen\"", "\"1 Main St, Apt \"\"B\"\"\"", "US", "B", 1)   // row 2
                + row(f.shop, "bad-sku", ship, "Ann", "2 Elm St", "US", "A", 1)                                     // row 3: order rejected by row 4
                + row(f.shop, "bad-sku", ship, "Ann", "2 Elm St", "US", "NOPE", 1)                                  // row 4: unknown SKU
                + row(f.shop, "bad-date", "tomorrow", "Bo", "3 Oak St", "US", "A", 1)                               // row 5
                + row(f.shop, "bad-country", ship, "Cy", "4 Ash St", "USA", "A", 1)                                 // row 6
                + row(f.shop, "mixed", ship, "Di", "5 Fir St", "US", "A", 1)                                        // row 7
                + row(f.shop, "mixed", ship, "Dee", "5 Fir St", "US", "B", 1)                                       // row 8: other name
                + row("no-such-shop", "x-1", ship, "Ed", "6 Yew St", "US", "A", 1)                                  // row 9
                + row(f.shop, "missing", ship, "", "7 Elm St", "US", "A", "")                                       // row 10
                + row(f.shop, "good-2", ship, "Fay", "8 Bay St", "gb", "B", 3);                                     // row 11
        JsonPath r = importCsv(csv);
        assertEquals(2, r.getInt("created"), r.prettify());
        assertEquals(6, r.getInt("rejected"), r.prettify());
        List<Map<String, Object>> errors = r.getList("errors");
        assertTrue(errors.contains(Map.of("row", 4, "field", "sku", "reason", "no SKU NOPE in shop " + f.shop)), r.prettify());
        assertTrue(errors.stream().anyMatch(e -> e.get("row").equals(5) && e.get("field").equals("ship_by")), r.prettify());
        assertTrue(errors.stream().anyMatch(e -> e.get("row").equals(6) && e.get("field").equals("country")), r.prettify());
        assertTrue(errors.stream().anyMatch(e -> e.get("row").equals(8) && e.get("field").equals("name")
                && e.get("reason").toString().contains("differs from row 7")), r.prettify());
        assertTrue(errors.contains(Map.of("row", 9, "field", "shop", "reason", "no shop no-such-shop")), r.prettify());
        assertTrue(errors.contains(Map.of("row", 10, "field", "name", "reason", "is required")), r.prettify());
        assertTrue(errors.contains(Map.of("row", 10, "field", "quantity", "reason", "is required")), r.prettify());
        assertTrue(errors.stream().noneMatch(e -> List.of(1, 2, 3, 7, 11).contains(e.get("row"))), r.prettify());
        assertEquals(List.of("CREATED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "CREATED"),
                r.getList("orders.outcome"));
        assertEquals(List.of(3, 4), r.getList("orders[1].rows"));

        // nothing of a rejected order was written, not even its good row (row 3)
        assertEquals(2, f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop));
        assertEquals(0, f.count("select count(*) from orders where external_id in ('bad-sku','bad-date','bad-country','mixed','missing','x-1') and channel = 'csv' and shop_id = (select id from shop where code = ?)", f.shop));
        assertEquals("Müller, Jürgen", f.text("select ship_to_name from orders where external_id = 'good-1' and shop_id = (select id from shop where code = ?)", f.shop));
        assertEquals("1 Main St, Apt \"B\"", f.text("select ship_to_line1 from orders where external_id = 'good-1' and shop_id = (select id from shop where code = ?)", f.shop));
        assertEquals("GB", f.text("select ship_to_country from orders where external_id = 'good-2' and shop_id = (select id from shop where code = ?)", f.shop));
        assertEquals(2, f.allocated("A"));
        assertEquals(4, f.allocated("B"));

        // the same file again creates nothing
        JsonPath again = importCsv(csv);
        assertEquals(0, again.getInt("created"), again.prettify());
        assertEquals(2, again.getInt("existing"));
        assertEquals(2, f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop));
        assertEquals(2, f.allocated("A"));
    }

    @Test
    void shall_let_a_shop_key_import_only_its_own_shop() {
        Floor mine = new Floor().sku("A"), other = new Floor().sku("A");
        String key = given().contentType(ContentType.JSON).body(Map.of("shop", mine.shop, "name", "csv key", "scopes", List.of("orders:write")))
                .post("/api/api-keys").then().statusCode(201).extract().path("key");
        String ship = "2030-01-02T10:00:00Z";
        JsonPath r = given().header("Authorization", "Bearer " + key).contentType("text/csv")
                .body(HEADER + row(mine.shop, "k-1", ship, "Ann", "1 Main St", "US", "A", 1) + row(other.shop, "k-2", ship, "Bo", "2 Main St", "US", "A", 1))
                .post("/api/orders/import").then().statusCode(200).extract().jsonPath();
        assertEquals(1, r.getInt("created"), r.prettify());
        assertEquals(1, r.getInt("rejected"));
        assertEquals(List.of(Map.of("row", 2, "field", "shop", "reason", "no shop " + other.shop)), r.getList("errors"));
        assertEquals(0, other.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", other.shop));
        assertEquals(1, mine.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", mine.shop));
        // the template for another shop answers as if it did not exist
        given().header("Authorization", "Bearer " + key).queryParam("shop", other.shop).get("/api/orders/import/template").then().statusCode(404);
        given().header("Authorization", "Bearer " + key).get("/api/orders/import/template").then().statusCode(200).body(containsString(mine.shop + ",1001,"));
    }

    @Test
    void shall_refuse_a_file_with_an_unknown_column_naming_it() {
        given().contentType("text/csv").body("shop,external_id,colour\n").post("/api/orders/import").then().statusCode(400)
                .body("errors[0].field", equalTo("header")).body("errors[0].reason", containsString("colour"));
    }
}
