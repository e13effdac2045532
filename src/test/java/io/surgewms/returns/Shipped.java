package io.surgewms.returns;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A shipped order the way the floor ships one: picked, packed at a station, handed to the carrier. */
public final class Shipped {
    private Shipped() {}

    /** Orders the lines (sku, qty, ...), picks, packs and hands the parcel over; answers the order id. */
    public static long order(Floor f, Map<String, String> gtins, String externalId, Object... skuQty) {
        Map<String, Object> body = f.order(externalId, skuQty);
        String carrier = "RT" + f.zone;
        body.put("carrier", carrier);
        long order = given().contentType(ContentType.JSON).body(body).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        plan(f);
        String picker = "rp-" + f.zone.toLowerCase();
        long task = claim(f, picker).getLong("id");
        pickAll(f, picker, task, gtins);
        String tote = given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("stops[0].tote");
        String station = "RS-" + f.zone;
        if (f.count("select count(*) from pack_station where code = ?", station) == 0)
            given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "STANDARD", "defaultCarton", "MAILER-S"))
                    .post("/api/packing/stations").then().statusCode(201);
        post("/api/packing/stations/" + station + "/open", Map.of("code", tote, "packer", picker));
        for (int i = 0; i < skuQty.length; i += 2)
            for (int n = 0; n < (Integer) skuQty[i + 1]; n++)
                assertEquals("ACCEPTED", post("/api/packing/stations/" + station + "/scan", Map.of("code", gtins.get((String) skuQty[i]), "packer", picker)).getString("result"));
        post("/api/packing/stations/" + station + "/close", Map.of("packer", picker));
        given().post("/api/shipping/handover/" + carrier).then().statusCode(200);
        assertEquals("SHIPPED", given().get("/api/orders/" + order).then().extract().path("status"));
        return order;
    }

    public static JsonPath post(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract().jsonPath();
    }

    /** A return request body: lines alternate sku, quantity, reason. */
    public static Map<String, Object> rma(long orderId, Object... lines) {
        List<Map<String, Object>> l = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i += 3) l.add(Map.of("sku", lines[i], "quantity", lines[i + 1], "reason", lines[i + 2]));
        Map<String, Object> body = new HashMap<>();
        body.put("orderId", orderId);
        body.put("lines", l);
        return body;
    }

    public static JsonPath create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/returns").then().statusCode(201).extract().jsonPath();
    }

    /** One unit at the returns station; the answer (ACCEPTED or REJECTED) as JSON. */
    public static JsonPath unit(long rma, String code, String disposition, String location) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "disposition", disposition));
        if (location != null) body.put("location", location);
        return post("/api/returns/" + rma + "/units", body);
    }

    /** A quarantine bin of this floor's zone. */
    public static String quarantine(Floor f) {
        String code = f.zone + "-QUAR";
        Floor.sql("insert into location (code, kind, zone) values (?, 'QUARANTINE', ?)", code, f.zone);
        return code;
    }
}
