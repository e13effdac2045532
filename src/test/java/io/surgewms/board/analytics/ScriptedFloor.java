package io.surgewms.board.analytics;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.Pick;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One known day on the floor, played through the API (orders, wave, picks with mistakes and a short,
 * packing, handover) and then moved to fixed UTC times on {@code day} with SQL, so the expected
 * figures can be worked out by hand:
 * <pre>
 * shop A  o1 tiktok "vid-1"  SERUM×1          in 08:10  picked 10:20 (bulk)    shipped 12:10  lead 4 h  1 parcel
 *         o2 tiktok "vid-1"  SERUM×1          in 08:40  picked 10:20 (bulk)    shipped 14:40  lead 6 h  1 parcel
 *         o3 shopify no tag  SERUM×2 BALM×1   in 09:05  picked 11:30 (cluster) shipped 14:05  lead 5 h  2 parcels
 *         o4 api  TAG2       BALM×3           in 09:20  picked 11:30, 2 found, short 1 (no other bin): not shipped
 * shop B  g1 tiktok "vid-1"  X×1              in 08:30  (no stock: backordered)
 * scans   bulk task at 10:15: wrong bin (rejected), bin, 2 items, tote                      = 5, 1 rejected
 *         cluster at 11:10: o3 SERUM bin, 2 items, tote; o3 BALM bin, item, tote;
 *                           o4 BALM bin, 2 items, wrong item (rejected), tote; + a short     = 12, 1 rejected, 1 short
 * </pre>
 */
final class ScriptedFloor {

    static final String TAG1 = "vid-1";
    /** A creator tag a spreadsheet must get back whole: comma, quotes. */
    static final String TAG2 = "Ana's \"glow\", part 2";

    final Floor a = new Floor(), b = new Floor();
    final LocalDate day;
    final String carrier;
    long o1, o2, o3, o4, g1, bulkTask, clusterTask;

    ScriptedFloor(LocalDate day) {
        this.day = day;
        this.carrier = "AN" + a.zone.substring(1, 7);
    }

    Instant at(int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    String iso(int hour) {
        return at(hour, 0).toString();
    }

    ScriptedFloor play() {
        String serum = a.skuWithGtin("SERUM", "401500000001");
        String balm = a.skuWithGtin("BALM", "401500000002");
        String serumBin = a.bin("PICK_FACE", 1), balmBin = a.bin("PICK_FACE", 2);
        for (int i = 1; i <= 4; i++) a.tote(i);
        a.receive("SERUM", serumBin, 20);
        a.receive("BALM", balmBin, 10);
        b.sku("X");
        o1 = order(a, "o1", "tiktok", TAG1, "SERUM", 1);
        o2 = order(a, "o2", "tiktok", TAG1, "SERUM", 1);
        o3 = order(a, "o3", "shopify", null, "SERUM", 2, "BALM", 1);
        o4 = order(a, "o4", "api", TAG2, "BALM", 3);
        g1 = order(b, "g1", "tiktok", TAG1, "X", 1);

        Pick.plan(a);
        Map<String, String> codes = Map.of("SERUM", serum, "BALM", balm);
        for (int n = 0; n < 2; n++) {
            JsonPath t = Pick.claim(a, "picker" + n + "-" + a.zone);
            long id = t.getLong("id");
            String picker = t.getString("picker");
            if (t.getString("kind").equals("BULK")) {
                bulkTask = id;
                assertEquals("WRONG_LOCATION", Pick.scan(picker, id, balmBin).getString("reason"));
                Pick.pickAll(a, picker, id, codes);
            } else {
                clusterTask = id;
                pickCluster(picker, id, codes, serum);
            }
        }
        assertEquals("PICKED", a.text("select status from orders where id = ?", o3));

        // Singles scan-and-ship o1 and o2; o3 leaves in two parcels; o4 waits for its missing unit.
        String singles = "S-" + a.zone, standard = "P-" + a.zone;
        station(singles, "SINGLES");
        station(standard, "STANDARD");
        for (int i = 0; i < 2; i++) { JsonPath r = pack(singles, "scan", Map.of("code", serum, "packer", "sam")); assertEquals("ACCEPTED", r.getString("result"), r.prettify()); }
        pack(standard, "open", Map.of("code", String.valueOf(o3), "packer", "pat"));
        pack(standard, "scan", Map.of("code", serum, "packer", "pat"));
        pack(standard, "scan", Map.of("code", serum, "packer", "pat"));
        pack(standard, "close", Map.of("packer", "pat"));
        pack(standard, "scan", Map.of("code", balm, "packer", "pat"));
        assertEquals("PACKED", pack(standard, "close", Map.of("packer", "pat")).getString("pack.status"));
        given().post("/api/shipping/handover/" + carrier).then().statusCode(200);

        // The same history at known times.
        created(o1, 8, 10); created(o2, 8, 40); created(o3, 9, 5); created(o4, 9, 20); created(g1, 8, 30);
        Floor.sql("update scan set at = ? where task_id = ?", utc(at(10, 15)), bulkTask);
        Floor.sql("update pick_stop set done_at = ? where task_id = ? and done_at is not null", utc(at(10, 20)), bulkTask);
        Floor.sql("update scan set at = ? where task_id = ?", utc(at(11, 10)), clusterTask);
        Floor.sql("update pick_stop set done_at = ? where task_id = ? and done_at is not null", utc(at(11, 30)), clusterTask);
        shipped(o1, 12, 10); shipped(o2, 14, 40); shipped(o3, 14, 5);
        return this;
    }

    /** A careful picker, except at o4's stop: two of three found, a wrong item scanned, then a short. */
    private void pickCluster(String picker, long task, Map<String, String> codes, String serum) {
        JsonPath t = given().get("/api/picking/tasks/" + task).then().extract().jsonPath();
        while (!t.getString("expect").equals("DONE")) {
            String sku = t.getString("next.sku");
            long order = t.getLong("next.orderId");
            int qty = t.getInt("next.quantity");
            assertEquals("ACCEPTED", Pick.scan(picker, task, t.getString("next.location")).getString("result"));
            if (order == o4) {
                for (int i = 0; i < 2; i++) assertEquals("ACCEPTED", Pick.scan(picker, task, codes.get(sku)).getString("result"));
                assertEquals("WRONG_ITEM", Pick.scan(picker, task, serum).getString("reason"));
                given().contentType(ContentType.JSON).body(Map.of("picker", picker, "found", 2))
                        .post("/api/picking/tasks/" + task + "/short").then().statusCode(200);
            } else {
                for (int i = 0; i < qty; i++) assertEquals("ACCEPTED", Pick.scan(picker, task, codes.get(sku)).getString("result"));
            }
            assertEquals("ACCEPTED", Pick.scan(picker, task, t.getString("next.tote")).getString("result"));
            t = given().get("/api/picking/tasks/" + task).then().extract().jsonPath();
        }
    }

    private long order(Floor f, String id, String channel, String tag, Object... lines) {
        Map<String, Object> body = f.order(id + "-" + f.zone, lines);
        body.put("channel", channel);
        body.put("carrier", carrier);
        if (tag != null) body.put("contentTag", tag);
        return given().contentType(ContentType.JSON).body(body).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void station(String code, String kind) {
        given().contentType(ContentType.JSON).body(Map.of("code", code, "kind", kind, "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
    }

    private static JsonPath pack(String station, String action, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/packing/stations/" + station + "/" + action)
                .then().statusCode(200).extract().jsonPath();
    }

    private void created(long order, int hour, int minute) {
        Floor.sql("update orders set created_at = ? where id = ?", utc(at(hour, minute)), order);
    }

    private void shipped(long order, int hour, int minute) {
        Floor.sql("update order_event set at = ? where order_id = ? and to_status = 'SHIPPED'", utc(at(hour, minute)), order);
        Floor.sql("update shipment set shipped_at = ? where order_id = ?", utc(at(hour, minute)), order);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
