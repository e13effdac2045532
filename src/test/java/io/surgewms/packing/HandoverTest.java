package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.barcode.Gtin;
import io.surgewms.platform.ProblemException;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The truck for one pickup takes the parcels due by it; the own-account carrier keeps to its range. */
@QuarkusTest
class HandoverTest {

    @Inject AgroalDataSource db;

    @Test
    void shall_hand_over_only_the_parcels_due_by_the_pickup_and_record_a_manifest() {
        Floor f = new Floor();
        String carrier = "HO" + f.zone;
        String a = f.skuWithGtin("A", "401700000001");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        f.tote(1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long soon = order(f, "ho-soon", carrier, now.plus(Duration.ofHours(3)));
        long later = order(f, "ho-later", carrier, now.plus(Duration.ofHours(30)));
        plan(f);
        long task = claim(f, "hal").getLong("id");
        pickAll(f, "hal", task, Map.of("A", a));
        String st = "SH-" + f.zone;
        PackingFlowTest.station(st, "SINGLES");
        PackingFlowTest.post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "hal"));
        PackingFlowTest.post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "hal"));
        assertEquals(2, f.orders("PACKED"));

        // Today's truck (pickup in 10 hours) takes the order due in 3 hours; the one due tomorrow stays on the dock.
        JsonPath first = given().queryParam("pickup", now.plus(Duration.ofHours(10)).toString())
                .post("/api/shipping/handover/" + carrier).then().statusCode(200).extract().jsonPath();
        assertEquals(1, first.getInt("orders"));
        given().get("/api/orders/" + soon).then().body("status", equalTo("SHIPPED"));
        given().get("/api/orders/" + later).then().body("status", equalTo("PACKED"));
        JsonPath manifest = given().get("/api/shipping/manifests/" + first.getLong("id")).then().statusCode(200).extract().jsonPath();
        assertEquals(carrier, manifest.getString("carrier"));
        assertEquals(soon, manifest.getLong("lines[0].orderId"));
        assertEquals(first.getString("trackingNumbers[0]"), manifest.getString("lines[0].trackingNumber"));
        assertEquals(1, f.count("select count(*) from outbox where topic = 'shipment.shipped' and (payload->>'manifest')::bigint = ?", first.getLong("id")));

        // The same truck again: nothing left due by it.
        given().queryParam("pickup", now.plus(Duration.ofHours(10)).toString()).post("/api/shipping/handover/" + carrier)
                .then().statusCode(409).contentType("application/problem+json");
        given().queryParam("pickup", "tomorrow at five").post("/api/shipping/handover/" + carrier)
                .then().statusCode(400).body("errors[0].field", equalTo("pickup"));
        // Tomorrow's truck, no pickup given: everything packed goes.
        JsonPath second = given().post("/api/shipping/handover/" + carrier).then().statusCode(200).extract().jsonPath();
        assertNotEquals(first.getLong("id"), second.getLong("id"));
        given().get("/api/orders/" + later).then().body("status", equalTo("SHIPPED"));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }


    private static long order(Floor f, String id, String carrier, Instant shipBy) {
        Map<String, Object> body = f.order(id, "A", 1);
        body.put("carrier", carrier);
        body.put("shipBy", shipBy.toString());
        return given().contentType(ContentType.JSON).body(body).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
