package io.surgewms.intake;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.plan;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A channel holds and releases an order it already sent (Shopify's fulfillment order holds). */
@QuarkusTest
class OrderHoldsTest {

    @Inject OrderHolds holds;

    long shop(Floor f) {
        return f.count("select id from shop where code = ?", f.shop);
    }

    @Test
    void shall_hold_an_allocated_order_out_of_waves_with_its_units_and_release_it() {
        Floor f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        long id = given().contentType(ContentType.JSON).body(f.order("h-1", "A", 2)).post("/api/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        assertEquals("HELD", holds.hold(shop(f), "api", "h-1", "on hold in the shop's admin", "test").outcome());
        given().get("/api/orders/" + id).then().body("status", equalTo("HELD")).body("hold", equalTo("on hold in the shop's admin"));
        assertEquals(2, f.allocated("A"), "the held order keeps its units");
        given().contentType(ContentType.JSON).body(f.order("h-2", "A", 1)).post("/api/orders").then().statusCode(201);
        f.tote(1);
        plan(f);
        assertNull(f.text("select wave_id::text from orders where id = ?", id));
        assertEquals("UNCHANGED", holds.hold(shop(f), "api", "h-1", "again", "test").outcome());

        assertEquals("RELEASED", holds.release(shop(f), "api", "h-1", "test").outcome());
        given().get("/api/orders/" + id).then().body("status", equalTo("ALLOCATED"));
        assertEquals("UNCHANGED", holds.release(shop(f), "api", "h-1", "test").outcome());
        assertEquals(2, f.count("select count(*) from order_event where order_id = ? and 'HELD' in (from_status, to_status)", id));
    }

    @Test
    void shall_flag_an_order_already_on_the_floor_instead_of_holding_it() {
        Floor f = new Floor().sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        long id = given().contentType(ContentType.JSON).body(f.order("h-3", "A", 1)).post("/api/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        f.tote(1);
        plan(f);
        OrderHolds.Result r = holds.hold(shop(f), "api", "h-3", "held late", "test");
        assertEquals("TOO_LATE", r.outcome());
        assertEquals("RELEASED", f.text("select status from orders where id = ?", id));
        assertNotNull(f.text("select exception from orders where id = ?", id), "a supervisor sees it on the board");
        assertEquals("UNKNOWN", holds.hold(shop(f), "api", "nope", "x", "test").outcome());
    }
}
