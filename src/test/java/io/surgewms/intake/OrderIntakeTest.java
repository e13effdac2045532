package io.surgewms.intake;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OrderIntakeTest {

    @Test
    void shall_accept_an_order_and_reserve_its_units_pick_face_first() {
        Floor f = new Floor().sku("A").sku("B");
        String reserve = f.bin("RESERVE", 1);
        String face = f.bin("PICK_FACE", 2);
        f.receive("A", reserve, 10);
        f.receive("A", face, 3);
        f.receive("B", reserve, 5);

        long id = given().contentType(ContentType.JSON).body(f.order("o-1", "A", 4, "B", 2))
                .post("/api/orders").then().statusCode(201)
                .header("Location", containsString("/api/orders/"))
                .body("status", equalTo("ALLOCATED"))
                .body("lines", hasSize(2))
                .body("lines[0].allocated", equalTo(4))
                .body("createdAt", org.hamcrest.Matchers.notNullValue())
                .extract().jsonPath().getLong("id");
        given().get("/api/orders/" + id).then().statusCode(200)
                // 3 from the pick face first, the 4th from reserve
                .body("allocations[0].location", equalTo(face))
                .body("allocations[0].quantity", equalTo(3))
                .body("allocations[1].location", equalTo(reserve))
                .body("allocations[1].quantity", equalTo(1));

        assertEquals(4, f.allocated("A"));
        assertEquals(2, f.allocated("B"));
        assertEquals(13, f.onHand("A"));
    }

    @Test
    void shall_store_the_ship_to_company_and_refuse_one_longer_than_a_label_line() {
        Floor f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        Map<String, Object> order = f.order("co-1", "A", 1);
        order.put("shipTo", Map.of("name", "Ada Buyer", "company", "Lovelace Analytical Engines Ltd", "line1", "1 Main St",
                "city", "Austin", "postalCode", "78701", "country", "US"));
        long id = given().contentType(ContentType.JSON).body(order).post("/api/orders").then().statusCode(201)
                .body("shipTo.company", equalTo("Lovelace Analytical Engines Ltd")).extract().jsonPath().getLong("id");
        given().get("/api/orders/" + id).then().statusCode(200).body("shipTo.company", equalTo("Lovelace Analytical Engines Ltd"));
        assertEquals("Lovelace Analytical Engines Ltd", f.text("select ship_to_company from orders where id = ?", id));
        // Without one: stored as null, not shown
        long plain = given().contentType(ContentType.JSON).body(f.order("co-2", "A", 1)).post("/api/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().get("/api/orders/" + plain).then().body("shipTo.company", org.hamcrest.Matchers.nullValue());
        order.put("externalId", "co-3");
        order.put("shipTo", Map.of("name", "Ada Buyer", "company", "x".repeat(121), "line1", "1 Main St",
                "city", "Austin", "postalCode", "78701", "country", "US"));
        given().contentType(ContentType.JSON).body(order).post("/api/orders").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("shipTo.company"));
    }

    @Test
    void shall_answer_a_repeated_order_with_the_stored_one_and_never_store_it_twice() {
        Floor f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        long id = given().contentType(ContentType.JSON).body(f.order("dup-1", "A", 1))
                .post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(f.order("dup-1", "A", 1))
                .post("/api/orders").then().statusCode(200).body("id", equalTo((int) id));
        assertEquals(1, f.orders("ALLOCATED"));
        assertEquals(1, f.allocated("A"));
    }

    @Test
    void shall_backorder_what_stock_cannot_serve_and_allocate_it_when_stock_arrives_earliest_ship_by_first() {
        Floor f = new Floor().sku("A");
        String bin = f.bin("PICK_FACE", 1);
        f.receive("A", bin, 1);
        given().contentType(ContentType.JSON).body(f.order("first", "A", 1)).post("/api/orders").then().body("status", equalTo("ALLOCATED"));

        Map<String, Object> late = f.order("late", "A", 1);
        late.put("shipBy", "2030-02-01T10:00:00Z");
        Map<String, Object> early = f.order("early", "A", 1);
        early.put("shipBy", "2030-01-02T10:00:00Z");
        given().contentType(ContentType.JSON).body(late).post("/api/orders").then().statusCode(201)
                .body("status", equalTo("BACKORDERED"))
                .body("backorderReason", equalTo("insufficient stock of A: 1 wanted, 0 available"));
        long earlyId = given().contentType(ContentType.JSON).body(early).post("/api/orders").then()
                .body("status", equalTo("BACKORDERED")).extract().jsonPath().getLong("id");

        // One unit arrives: the order that must ship first takes it.
        given().contentType(ContentType.JSON)
                .body(Map.of("shop", f.shop, "reference", "po-7", "lines", List.of(Map.of("sku", "A", "location", bin, "quantity", 1))))
                .post("/api/inventory/receipts").then().statusCode(201).body("backordersAllocated", equalTo(1));
        given().get("/api/orders/" + earlyId).then().body("status", equalTo("ALLOCATED")).body("backorderReason", equalTo(null));
        given().get("/api/orders?shop=" + f.shop + "&status=BACKORDERED").then().body("total", equalTo(1))
                .body("items[0].externalId", equalTo("late"));
        given().get("/api/orders/" + earlyId + "/events").then()
                .body("to", equalTo(List.of("BACKORDERED", "ALLOCATED")))
                .body("[1].note", equalTo("stock arrived"));
    }

    @Test
    void shall_release_reservations_on_cancel_and_give_them_to_waiting_orders() {
        Floor f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 2);
        long first = given().contentType(ContentType.JSON).body(f.order("c-1", "A", 2)).post("/api/orders")
                .then().extract().jsonPath().getLong("id");
        long waiting = given().contentType(ContentType.JSON).body(f.order("c-2", "A", 2)).post("/api/orders")
                .then().body("status", equalTo("BACKORDERED")).extract().jsonPath().getLong("id");

        given().contentType(ContentType.JSON).body(Map.of("reason", "buyer changed mind"))
                .post("/api/orders/" + first + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().get("/api/orders/" + waiting).then().body("status", equalTo("ALLOCATED"));
        assertEquals(2, f.allocated("A"));
        // Cancelling again changes nothing.
        given().contentType(ContentType.JSON).body("{}").post("/api/orders/" + first + "/cancel").then().statusCode(200);
        assertEquals(2, f.allocated("A"));
        assertEquals(1, f.count("select count(*) from stock_ledger where order_id = ? and kind = 'RELEASE'", first));
    }

    @Test
    void shall_answer_a_batch_order_by_order_and_write_none_of_a_bad_order() {
        Floor f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 100);
        Map<String, Object> bad = f.order("b-2", "NOPE", 1);
        Map<String, Object> invalid = f.order("b-3", "A", -1);
        given().contentType(ContentType.JSON)
                .body(Map.of("orders", List.of(f.order("b-1", "A", 1), bad, invalid, f.order("b-1", "A", 1), f.order("b-4", "A", 2))))
                .post("/api/orders/batch").then().statusCode(200)
                .body("created", equalTo(2)).body("existing", equalTo(1)).body("rejected", equalTo(2))
                .body("results[0].outcome", equalTo("CREATED"))
                .body("results[1].outcome", equalTo("REJECTED"))
                .body("results[1].problem.errors[0].field", equalTo("lines[0].sku"))
                .body("results[1].problem.errors[0].reason", equalTo("unknown SKU 'NOPE' for shop '" + f.shop + "'"))
                .body("results[2].problem.errors[0].field", equalTo("lines[0].quantity"))
                .body("results[3].outcome", equalTo("EXISTING"))
                .body("results[3].index", equalTo(3));
        assertEquals(2, f.orders("ALLOCATED"));
        assertEquals(0, f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ? and o.external_id in ('b-2','b-3')", f.shop));
        assertEquals(3, f.allocated("A"));
    }

    @Test
    void shall_filter_and_page_orders() {
        Floor f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 100);
        for (int i = 0; i < 7; i++) {
            Map<String, Object> o = f.order("p-" + i, "A", 1);
            o.put("contentTag", i < 3 ? "video-42" : "video-7");
            given().contentType(ContentType.JSON).body(o).post("/api/orders").then().statusCode(201);
        }
        given().get("/api/orders?shop=" + f.shop + "&size=5&page=1").then()
                .body("total", equalTo(7)).body("items", hasSize(2)).body("page", equalTo(1));
        given().get("/api/orders?shop=" + f.shop + "&contentTag=video-42").then().body("total", equalTo(3));
        given().get("/api/orders?status=NOPE").then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().get("/api/orders?size=9999").then().statusCode(400).body("errors[0].field", equalTo("size"));
    }
}
