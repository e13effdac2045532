package io.surgewms.picking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class WavePolicyTest {

    @Inject AutoRelease autoRelease;

    @Test
    void shall_plan_a_wave_and_hold_it_until_a_supervisor_releases_it() {
        Floor f = new Floor().sku("A");
        f.tote(1);
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        given().contentType(ContentType.JSON).body(f.order("h-1", "A", 1)).post("/api/orders").then().statusCode(201);
        long wave = given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "release", false)).post("/api/waves")
                .then().statusCode(201).body("status", equalTo("PLANNED")).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("picker", "lee", "zone", f.zone)).post("/api/picking/claim").then().statusCode(204);
        assertEquals(1, f.orders("ALLOCATED"));
        given().post("/api/waves/" + wave + "/release").then().statusCode(200).body("status", equalTo("RELEASED"));
        assertEquals(1, f.orders("RELEASED"));
        given().contentType(ContentType.JSON).body(Map.of("picker", "lee", "zone", f.zone)).post("/api/picking/claim").then().statusCode(200);
        given().post("/api/waves/" + wave + "/release").then().statusCode(200); // again: nothing changes
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop)).post("/api/waves").then().statusCode(204);
    }

    @Test
    void shall_release_waves_by_itself_only_when_switched_on() {
        Floor f = new Floor().sku("A");
        f.tote(1);
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        // The most urgent order of the whole database, so the one-order wave below is this one: other tests
        // leave allocated orders behind, some (channel webhooks with fixed dates) due long ago.
        Map<String, Object> urgent = f.order("auto-1", "A", 1);
        urgent.put("shipBy", "1999-01-01T00:00:00Z");
        urgent.put("priority", 9);
        given().contentType(ContentType.JSON).body(urgent).post("/api/orders").then().statusCode(201);
        Map<String, Object> policy = new HashMap<>(given().get("/api/picking/policy").then().extract().jsonPath().getMap(""));
        try {
            policy.put("autoRelease", false);
            given().contentType(ContentType.JSON).body(policy).put("/api/picking/policy").then().statusCode(200);
            assertNull(autoRelease.run());
            assertEquals(1, f.orders("ALLOCATED"));
            policy.put("autoRelease", true);
            policy.put("maxOrders", 1);
            given().contentType(ContentType.JSON).body(policy).put("/api/picking/policy").then().statusCode(200).body("autoRelease", equalTo(true));
            Floor.sql("update pick_task set status = 'CANCELLED' where status = 'OPEN'"); // an empty pool
            assertNotNull(autoRelease.run());
            assertEquals(1, f.orders("RELEASED"));
        } finally {
            policy.put("autoRelease", false);
            policy.put("maxOrders", 500);
            given().contentType(ContentType.JSON).body(policy).put("/api/picking/policy").then().statusCode(200);
        }
        policy.put("cartTotes", 99);
        given().contentType(ContentType.JSON).body(policy).put("/api/picking/policy").then().statusCode(400)
                .body("errors[0].field", equalTo("cartTotes"));
    }

    @Test
    void shall_wave_first_the_order_whose_carrier_leaves_first() {
        Floor f = new Floor().sku("A").sku("B");
        f.tote(1);
        f.tote(2);
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.receive("B", f.bin("PICK_FACE", 2), 10);
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
        String carrier = "CUT" + f.zone;
        Map<String, Object> late = f.order("cut-late", "A", 1);  // ships by 20:00 but its carrier picks up at 15:00
        late.put("shipBy", day + "T20:00:00Z");
        late.put("carrier", carrier);
        Map<String, Object> early = f.order("cut-early", "B", 1); // ships by 16:00, no pickup time set
        early.put("shipBy", day + "T16:00:00Z");
        given().contentType(ContentType.JSON).body(late).post("/api/orders").then().statusCode(201);
        given().contentType(ContentType.JSON).body(early).post("/api/orders").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("cutoff", "15:00")).put("/api/picking/cutoffs/" + carrier)
                .then().statusCode(200).body("cutoff", equalTo("15:00"));
        given().contentType(ContentType.JSON).body(Map.of("cutoff", "3pm")).put("/api/picking/cutoffs/" + carrier)
                .then().statusCode(400).body("errors[0].field", equalTo("cutoff"));
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "maxOrders", 1)).post("/api/waves")
                .then().statusCode(201).body("earliestDeadline", equalTo(day + "T15:00:00Z"));
        given().get("/api/orders?shop=" + f.shop + "&status=RELEASED").then().body("items[0].externalId", equalTo("cut-late"));
        given().delete("/api/picking/cutoffs/" + carrier).then().statusCode(204);
    }

    @Test
    void shall_refuse_impossible_wave_caps_and_an_empty_policy_and_plan_nothing() {
        long waves = new Floor().count("select count(*) from wave");
        given().contentType(ContentType.JSON).body(Map.of("maxOrders", 0)).post("/api/waves")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("maxOrders"));
        given().contentType(ContentType.JSON).body(Map.of("cartTotes", 99)).post("/api/waves")
                .then().statusCode(400).body("errors[0].field", equalTo("cartTotes"));
        given().contentType(ContentType.JSON).put("/api/picking/policy").then().statusCode(400).contentType("application/problem+json");
        assertEquals(waves, new Floor().count("select count(*) from wave"));
    }
}
