package io.surgewms.intake;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every bad request answers problem+json naming the field, and changes nothing (invariant 4). */
@QuarkusTest
class IntakeErrorsTest {

    Floor f;
    long ordersBefore, ledgerBefore;

    @BeforeEach
    void floor() {
        f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        ordersBefore = f.count("select count(*) from orders");
        ledgerBefore = f.count("select count(*) from stock_ledger");
    }

    void nothingChanged() {
        assertEquals(ordersBefore, f.count("select count(*) from orders"), "no order written");
        assertEquals(ledgerBefore, f.count("select count(*) from stock_ledger"), "no stock changed");
        assertEquals(0, f.allocated("A"));
    }

    @Test
    void shall_reject_malformed_json_with_where_it_broke() {
        given().contentType(ContentType.JSON).body("{\"shop\": \"x\", \"lines\": [").post("/api/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid input")).body("detail", containsString("Malformed JSON at line 1"));
        nothingChanged();
    }

    @Test
    void shall_reject_an_unknown_shop_naming_the_field() {
        Map<String, Object> o = f.order("e-1", "A", 1);
        o.put("shop", "no-such-shop");
        given().contentType(ContentType.JSON).body(o).post("/api/orders").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("shop")).body("errors[0].reason", equalTo("unknown shop 'no-such-shop'"));
        nothingChanged();
    }

    @Test
    void shall_reject_an_unknown_sku_and_write_none_of_the_order() {
        given().contentType(ContentType.JSON).body(f.order("e-2", "A", 1, "GHOST", 1)).post("/api/orders").then().statusCode(400)
                .body("errors[0].field", equalTo("lines[1].sku"));
        nothingChanged();
    }

    @Test
    void shall_reject_negative_and_zero_quantities() {
        given().contentType(ContentType.JSON).body(f.order("e-3", "A", -2, "A", 0)).post("/api/orders").then().statusCode(400)
                .body("errors.field", equalTo(List.of("lines[0].quantity", "lines[1].quantity")))
                .body("errors[0].reason", equalTo("must be greater than 0"));
        nothingChanged();
    }

    @Test
    void shall_reject_missing_address_fields_and_name_each() {
        Map<String, Object> o = f.order("e-4", "A", 1);
        o.put("shipTo", Map.of("name", "Ada", "country", "usa"));
        given().contentType(ContentType.JSON).body(o).post("/api/orders").then().statusCode(400)
                .body("errors.field", hasItem("shipTo.line1"))
                .body("errors.field", hasItem("shipTo.city"))
                .body("errors.field", hasItem("shipTo.postalCode"))
                .body("errors.field", hasItem("shipTo.country"));
        nothingChanged();
    }

    @Test
    void shall_reject_a_value_of_the_wrong_type_naming_its_path() {
        Map<String, Object> o = f.order("e-5", "A", 1);
        o.put("shipBy", "tomorrow");
        given().contentType(ContentType.JSON).body(o).post("/api/orders").then().statusCode(400)
                .body("errors[0].field", equalTo("shipBy"));
        nothingChanged();
    }

    @Test
    void shall_refuse_an_oversized_payload() {
        String huge = "{\"orders\": [" + "\"x\",".repeat(9_000_000) + "\"x\"]}";
        given().contentType(ContentType.JSON).body(huge).post("/api/orders/batch").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("exceeds the limit"));
        nothingChanged();
    }

    @Test
    void shall_refuse_a_batch_over_the_order_limit() {
        List<Map<String, Object>> many = new java.util.ArrayList<>();
        for (int i = 0; i < OrderResource.MAX_BATCH + 1; i++) many.add(Map.of("shop", f.shop));
        given().contentType(ContentType.JSON).body(Map.of("orders", many)).post("/api/orders/batch").then().statusCode(400)
                .body("errors[0].field", equalTo("orders"));
        nothingChanged();
    }

    @Test
    void shall_refuse_the_wrong_content_type() {
        given().contentType(ContentType.XML).body("<order/>").post("/api/orders").then().statusCode(415)
                .contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("shop=x").post("/api/orders").then().statusCode(415);
        nothingChanged();
    }

    @Test
    void shall_answer_404_problem_for_an_unknown_order_or_path() {
        given().get("/api/orders/987654321").then().statusCode(404).contentType("application/problem+json");
        given().post("/api/orders/987654321/cancel").then().statusCode(404);
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shall_refuse_to_adjust_stock_below_what_is_reserved() {
        String bin = f.bin("PICK_FACE", 2);
        f.receive("A", bin, 5);
        given().contentType(ContentType.JSON).body(f.order("adj-1", "A", 12)).post("/api/orders").then().body("status", equalTo("ALLOCATED"));
        long ledger = f.count("select count(*) from stock_ledger");
        // 12 reserved across the two bins: the second bin holds 2 reserved units after the 10 of the first
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "sku", "A", "location", bin, "countedQuantity", 0, "reason", "count"))
                .post("/api/inventory/adjustments").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("reserved"));
        assertEquals(ledger, f.count("select count(*) from stock_ledger"));
        assertEquals(15, f.onHand("A"));
    }
}
