package io.surgewms.board.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Intake rate: every order answered is counted once under its outcome; each request is timed once. */
@QuarkusTest
class IntakeMetricsTest {

    static final String ORDERS = "surge_intake_orders_total", LATENCY = "surge_intake_latency_seconds_count";

    @Test
    void shall_count_each_order_posted_under_its_outcome() {
        Floor f = new Floor().sku("M1");
        f.receive("M1", f.bin("PICK_FACE", 1), 100);
        Scrape before = Scrape.now();

        for (int i = 1; i <= 3; i++)
            given().contentType(ContentType.JSON).body(f.order("met-" + i, "M1", 1)).post("/api/orders").then().statusCode(201);
        given().contentType(ContentType.JSON).body(f.order("met-1", "M1", 1)).post("/api/orders").then().statusCode(200); // the same order again
        Map<String, Object> invalid = f.order("met-bad", "M1", 1);
        invalid.remove("carrier");
        var batch = given().contentType(ContentType.JSON)
                .body(Map.of("orders", List.of(f.order("met-4", "M1", 2), f.order("met-5", "M1", 1), invalid, f.order("met-6", "M1", 1))))
                .post("/api/orders/batch").then().statusCode(200).extract().jsonPath();
        assertEquals(3, batch.getInt("created"));
        assertEquals(1, batch.getInt("rejected"));

        Scrape after = Scrape.now();
        assertEquals(6, delta(before, after, ORDERS, "outcome", "created"), "3 single + 3 batch orders created");
        assertEquals(1, delta(before, after, ORDERS, "outcome", "existing"));
        assertEquals(1, delta(before, after, ORDERS, "outcome", "rejected"), "the invalid order is counted though it never reached the queue");
        assertEquals(6, f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop));
        assertEquals(5, after.value(LATENCY) - before.value(LATENCY), "five requests, each timed once");
        assertTrue(after.value("surge_intake_latency_seconds_bucket", "le", "+Inf") >= 5);
        assertEquals(0, after.value("surge_intake_queue_depth"), "nothing left waiting once every answer is out");
    }

    static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
