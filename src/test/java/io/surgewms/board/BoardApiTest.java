package io.surgewms.board;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.Pick;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board's numbers against a scripted floor: five viral singles picked (one wrong bin scanned on
 * the way), one packed at a singles station, one order shorted to an exception, one backordered,
 * one past its deadline. The board is read for the test's own shop, so other tests' rows do not count.
 */
@QuarkusTest
class BoardApiTest {

    static JsonPath post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath board(Floor f) {
        return given().queryParam("shop", f.shop).get("/api/board").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> one(JsonPath b, String list, String field, Object value) {
        List<Map<String, Object>> rows = b.getList(list);
        return rows.stream().filter(r -> value.equals(r.get(field))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + list + " row with " + field + "=" + value + " in " + rows));
    }

    @Test
    void shall_count_the_scripted_floor_exactly() {
        Floor f = new Floor();
        String viral = f.skuWithGtin("VIRAL", "402100000001");
        String slow = f.skuWithGtin("SLOW", "402100000002");
        f.sku("GONE");
        String viralBin = f.bin("PICK_FACE", 1), slowBin = f.bin("PICK_FACE", 2);
        for (int i = 1; i <= 3; i++) f.tote(i);
        f.receive("VIRAL", viralBin, 10);
        f.receive("SLOW", slowBin, 2);
        String picker = "bp-" + f.shop;
        for (int i = 1; i <= 5; i++)
            given().contentType(ContentType.JSON).body(f.order("v" + i, "VIRAL", 1)).post("/api/orders").then().statusCode(201);
        given().contentType(ContentType.JSON).body(f.order("b1", "GONE", 1)).post("/api/orders").then().statusCode(201);

        long wave1 = Pick.plan(f);
        JsonPath task = Pick.claim(f, picker);
        assertEquals("REJECTED", Pick.scan(picker, task.getLong("id"), slowBin).getString("result"), "the wrong bin");
        Pick.pickAll(f, picker, task.getLong("id"), Map.of("VIRAL", viral));

        // A second wave: the SLOW order, shorted at its bin with nothing found and no other bin.
        given().contentType(ContentType.JSON).body(f.order("s1", "SLOW", 2)).post("/api/orders").then().statusCode(201);
        long wave2 = Pick.plan(f);
        long shortTask = Pick.claim(f, picker).getLong("id");
        Pick.scan(picker, shortTask, slowBin);
        post("/api/picking/tasks/" + shortTask + "/short", Map.of("picker", picker, "found", 0));

        // One single packed at a singles station.
        String station = "BS-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
        assertEquals("ACCEPTED", post("/api/packing/stations/" + station + "/scan", Map.of("code", viral, "packer", "pia")).getString("result"));

        // Fixed deadlines: one picked order already late, the rest far away; the backorder due in 6 hours.
        String late = f.text("select o.external_id from orders o join shop s on s.id = o.shop_id where s.code = ? and o.status = 'PICKED' order by o.id limit 1", f.shop);
        Floor.sql("update orders set ship_by = now() + interval '10 days' where shop_id = (select id from shop where code = ?) and external_id <> 'b1'", f.shop);
        Floor.sql("update orders set ship_by = now() - interval '1 hour' where shop_id = (select id from shop where code = ?) and external_id = ?", f.shop, late);
        Floor.sql("update orders set ship_by = now() + interval '6 hours' where shop_id = (select id from shop where code = ?) and external_id = 'b1'", f.shop);

        JsonPath b = board(f);
        Instant at = Instant.parse(b.getString("at"));
        assertEquals(Map.of("RECEIVED", 0, "ALLOCATED", 0, "BACKORDERED", 1, "RELEASED", 0, "PICKING", 1, "PICKED", 4), b.getMap("backlog.byStatus"));
        assertEquals(6, b.getInt("backlog.orders"));
        assertEquals(1, b.getInt("backlog.unitsToPick"), "only the backorder's unit is left to pick");
        assertEquals(6, b.<Integer>getList("backlog.byShipByHour.orders").stream().mapToInt(Integer::intValue).sum());
        assertEquals(2, b.<Integer>getList("backlog.byShipByHour.atRisk").stream().mapToInt(Integer::intValue).sum());

        assertEquals(2, b.getInt("atRisk.count"));
        assertEquals(1, b.getInt("atRisk.late"));
        assertEquals(List.of(late, "b1"), b.getList("atRisk.orders.externalId"));
        assertEquals(List.of("LATE", "BACKORDERED"), b.getList("atRisk.orders.risk"));

        Map<String, Object> w1 = one(b, "waves", "id", (int) wave1);
        assertEquals("COMPLETED", w1.get("status"));
        assertEquals(5, w1.get("units"));
        assertEquals(5, w1.get("picked"));
        assertEquals(0, w1.get("shorted"));
        assertEquals(w1.get("tasks"), w1.get("tasksDone"));
        Map<String, Object> w2 = one(b, "waves", "id", (int) wave2);
        assertEquals(2, w2.get("units"));
        assertEquals(0, w2.get("picked"));
        assertEquals(2, w2.get("shorted"));

        Map<String, Object> p = one(b, "pickers", "picker", picker);
        assertEquals(5, p.get("unitsLast15m"));
        assertEquals(20, p.get("picksPerHour"));
        assertEquals(1, p.get("rejectedLast15m"));
        assertNull(p.get("taskId"), "both tasks are done");
        assertEquals(false, p.get("idle"));

        Map<String, Object> st = one(b, "stations", "code", station);
        assertEquals(1, st.get("parcelsLast15m"));
        assertEquals(4, st.get("parcelsPerHour"));
        assertEquals(1, st.get("parcelsLastHour"));

        assertEquals(1, b.getInt("exceptions.shortPicksLastHour"));
        assertEquals("SLOW", b.getString("exceptions.shortPicks[0].sku"));
        assertEquals(picker, b.getString("exceptions.shortPicks[0].picker"));
        assertEquals(1, b.getInt("exceptions.orderExceptions"));
        assertEquals("s1", b.getString("exceptions.orders[0].externalId"));
        assertTrue(b.getString("exceptions.orders[0].exception").startsWith("SHORT"), b.getString("exceptions.orders[0].exception"));

        // VIRAL: 5 units in 15 minutes = 20/h, no baseline: viral; 5 sellable left = 15 minutes of sales.
        assertEquals(List.of("VIRAL", "SLOW", "GONE"), b.getList("skus.sku"));
        Map<String, Object> v = one(b, "skus", "sku", "VIRAL");
        assertEquals(5, v.get("unitsLast15m"));
        assertEquals(20.0f, ((Number) v.get("unitsPerHour")).floatValue());
        assertEquals(5, v.get("available"));
        assertNull(v.get("ratio"));
        assertEquals(true, v.get("viral"));
        assertEquals(at.plus(Duration.ofMinutes(15)), Instant.parse((String) v.get("stockOutEta")));
        Map<String, Object> gone = one(b, "skus", "sku", "GONE");
        assertEquals(0, gone.get("available"));
        assertEquals(at, Instant.parse((String) gone.get("stockOutEta")), "sold out now");
        assertEquals(false, gone.get("viral"));
    }

    @Test
    void shall_prioritize_release_and_pause_from_the_board() {
        Floor f = new Floor();
        f.skuWithGtin("A", "402200000001");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        f.tote(1);
        given().contentType(ContentType.JSON).body(f.order("p1", "A", 2)).post("/api/orders").then().statusCode(201);
        long wave = given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "release", false)).post("/api/waves")
                .then().statusCode(201).body("status", equalTo("PLANNED")).extract().jsonPath().getLong("id");

        post("/api/waves/" + wave + "/priority", Map.of("priority", 5));
        Map<String, Object> w = one(board(f), "waves", "id", (int) wave);
        assertEquals(5, w.get("priority"));
        assertEquals("PLANNED", w.get("status"));
        assertEquals(2, w.get("units"));
        assertNotNull(w.get("eta"));

        post("/api/waves/" + wave + "/release", Map.of());
        JsonPath b = board(f);
        assertEquals("RELEASED", one(b, "waves", "id", (int) wave).get("status"));
        assertEquals(1, b.getInt("backlog.byStatus.RELEASED"));

        JsonPath policy = given().get("/api/picking/policy").then().statusCode(200).extract().jsonPath();
        Map<String, Object> on = new java.util.HashMap<>(policy.getMap(""));
        on.put("autoRelease", true);
        given().contentType(ContentType.JSON).body(on).put("/api/picking/policy").then().statusCode(200);
        assertTrue(board(f).getBoolean("autoRelease"));
        on.put("autoRelease", false);
        given().contentType(ContentType.JSON).body(on).put("/api/picking/policy").then().statusCode(200);
        assertFalse(board(f).getBoolean("autoRelease"));

        given().contentType(ContentType.JSON).body(Map.of("priority", 20)).post("/api/waves/" + wave + "/priority")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("priority", 1)).post("/api/waves/999999999/priority").then().statusCode(404);
        given().queryParam("shop", "no-such-shop").get("/api/board").then().statusCode(404).contentType("application/problem+json");
    }
}
