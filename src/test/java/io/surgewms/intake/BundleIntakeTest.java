package io.surgewms.intake;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A bundle line becomes its component lines at intake; the order still reads as the buyer bought it. */
@QuarkusTest
class BundleIntakeTest {

    @Test
    void shall_reserve_the_components_of_two_bundles_and_show_the_bundle_line_with_them() {
        Floor f = new Floor().sku("A").sku("B").sku("C");
        String bin = f.bin("PICK_FACE", 1);
        f.receive("A", bin, 10);
        f.receive("B", f.bin("PICK_FACE", 2), 10);
        f.receive("C", f.bin("PICK_FACE", 3), 10);
        f.bundle("DUO", "A", 2, "B", 1);

        long id = given().contentType(ContentType.JSON).body(f.order("bun-1", "C", 1, "DUO", 2)).post("/api/orders")
                .then().statusCode(201).body("status", equalTo("ALLOCATED")).extract().jsonPath().getLong("id");
        assertEquals(4, f.allocated("A"));
        assertEquals(2, f.allocated("B"));
        assertEquals(1, f.allocated("C"));
        assertEquals(0, f.allocated("DUO"));

        JsonPath order = given().get("/api/orders/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("C", "DUO"), order.getList("lines.sku"), "the lines as the buyer ordered them");
        assertEquals(List.of(1, 2), order.getList("lines.quantity"));
        assertEquals(2, order.getInt("lines[1].allocated"), "both bundles reserved whole");
        assertEquals(List.of("A", "B"), order.getList("lines[1].components.sku"));
        assertEquals(List.of(4, 2), order.getList("lines[1].components.quantity"));
        assertEquals(List.of(4, 2), order.getList("lines[1].components.allocated"));
        assertNull(order.get("lines[0].components"));
        assertEquals(List.of("C", "A", "B"), order.getList("allocations.sku"), "the warehouse reserves and picks components");
        assertEquals(7, order.getInt("units"), "units the packer will hold: 1 C, 4 A, 2 B");
    }

    @Test
    void shall_serve_a_bundle_line_and_a_plain_line_of_the_same_component_in_one_order() {
        Floor f = new Floor().sku("A").sku("B");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        f.receive("B", f.bin("PICK_FACE", 2), 5);
        f.bundle("DUO", "A", 2, "B", 1);

        long id = given().contentType(ContentType.JSON).body(f.order("bun-2", "DUO", 1, "A", 3)).post("/api/orders")
                .then().statusCode(201).body("status", equalTo("ALLOCATED")).extract().jsonPath().getLong("id");
        assertEquals(5, f.allocated("A"), "2 for the bundle, 3 on their own");
        JsonPath order = given().get("/api/orders/" + id).then().extract().jsonPath();
        assertEquals(List.of("DUO", "A"), order.getList("lines.sku"));
        assertEquals(List.of(1, 3), order.getList("lines.quantity"));
        assertEquals(List.of(1, 3), order.getList("lines.allocated"));
        assertEquals(List.of("A", "B"), order.getList("lines[0].components.sku"));
    }

    @Test
    void shall_backorder_the_whole_order_when_one_component_is_short() {
        Floor f = new Floor().sku("A").sku("B").sku("C");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.receive("B", f.bin("PICK_FACE", 2), 1);
        f.receive("C", f.bin("PICK_FACE", 3), 10);
        f.bundle("DUO", "A", 2, "B", 1);

        long id = given().contentType(ContentType.JSON).body(f.order("bun-3", "C", 1, "DUO", 2)).post("/api/orders")
                .then().statusCode(201).body("status", equalTo("BACKORDERED"))
                .body("backorderReason", equalTo("insufficient stock of B: 2 wanted, 1 available")).extract().jsonPath().getLong("id");
        assertEquals(0, f.allocated("A") + f.allocated("B") + f.allocated("C"), "nothing reserved for a backordered order");
        given().get("/api/orders/" + id).then().body("lines[1].sku", equalTo("DUO")).body("lines[1].allocated", equalTo(0))
                .body("lines[1].components.allocated", equalTo(List.of(0, 0)));

        // the missing unit arrives: the waiting order takes every component it needs
        f.receive("B", f.bin("RESERVE", 4), 1);
        given().get("/api/orders/" + id).then().body("status", equalTo("ALLOCATED")).body("lines[1].allocated", equalTo(2));
        assertEquals(4, f.allocated("A"));
        assertEquals(2, f.allocated("B"));
    }

    @Test
    void shall_never_oversell_a_component_when_bundle_orders_and_plain_orders_arrive_at_once() throws Exception {
        Floor f = new Floor().sku("A").sku("B");
        f.receive("A", f.bin("PICK_FACE", 1), 20);
        f.receive("B", f.bin("PICK_FACE", 2), 100);
        f.bundle("DUO", "A", 2, "B", 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Object[] lines = i % 3 == 0 ? new Object[]{"A", 2} : new Object[]{"DUO", 1};
            String id = "rush-" + i;
            answers.add(pool.submit(() -> given().contentType(ContentType.JSON).body(f.order(id, lines)).post("/api/orders").statusCode()));
        }
        for (Future<Integer> a : answers) assertEquals(201, a.get(60, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(20, f.allocated("A"), "every A promised, none twice");
        assertEquals(10, f.orders("ALLOCATED"), "20 A make 10 orders of 2 A, bundle or not");
        assertEquals(20, f.orders("BACKORDERED"));
        assertEquals(0, f.count("""
                select count(*) from stock st join product p on p.id = st.product_id join shop s on s.id = p.shop_id
                 where s.code = ? and (st.allocated > st.on_hand or st.allocated < 0)""", f.shop));
    }

    @Test
    void shall_hold_a_bundle_order_the_channel_holds_with_its_components_reserved_then_release_it() {
        Floor f = new Floor().sku("A").sku("B");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.receive("B", f.bin("PICK_FACE", 2), 10);
        f.bundle("DUO", "A", 2, "B", 1);
        java.util.Map<String, Object> held = f.order("bun-held", "DUO", 1);
        held.put("hold", "ON_HOLD");
        long id = given().contentType(ContentType.JSON).body(held).post("/api/orders").then().statusCode(201)
                .body("status", equalTo("HELD")).extract().jsonPath().getLong("id");
        assertEquals(2, f.allocated("A"), "a held order already holds its units");
        given().contentType(ContentType.JSON).body(f.order("bun-held", "DUO", 1)).post("/api/orders").then().statusCode(org.hamcrest.Matchers.lessThan(300)); // the channel releases it
        given().get("/api/orders/" + id).then().body("status", equalTo("ALLOCATED")).body("lines[0].sku", equalTo("DUO"));
        assertEquals(2, f.allocated("A"));
    }

    @Test
    void shall_name_the_line_as_sent_when_a_sku_after_a_bundle_is_unknown() {
        Floor f = new Floor().sku("A").sku("B");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.bundle("TRIO", "A", 1, "B", 1);
        given().contentType(ContentType.JSON).body(f.order("bun-4", "TRIO", 1, "GHOST", 1)).post("/api/orders")
                .then().statusCode(400).body("errors[0].field", equalTo("lines[1].sku"));
        assertEquals(0, f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop));
    }
}
