package io.surgewms.inventory.replenishment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pick faces refilled from reserve: by min, by a wave's demand before its pickers arrive, by scan, under concurrency. */
@QuarkusTest
class ReplenishmentTest {

    @Test
    void shall_refill_a_pick_face_that_picks_took_below_its_min() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("FAST", "410100000001");
        String face = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 9);
        f.tote(1);
        f.receive("FAST", face, 10);
        f.receive("FAST", reserve, 50);
        face(f, face, "FAST", 5, 20).then().statusCode(200).body("onHand", equalTo(10)).body("openTask", equalTo(null));
        for (int i = 0; i < 6; i++) order(f, "min-" + i, "FAST", 1);
        plan(f);
        assertEquals(0, tasks(f).size(), "the wave's units all sit at the pick face: nothing to refill yet");

        long pick = claim(f, "pia").getLong("id");
        pickAll(f, "pia", pick, Map.of("FAST", gtin));
        assertEquals(4, stock(f, face));

        List<Map<String, Object>> open = tasks(f);
        assertEquals(1, open.size(), "the pick that took the face below its min raised one task");
        assertEquals("MIN", open.get(0).get("reason"));
        assertEquals(16, open.get(0).get("quantity"), "up to max: 20 - 4");
        assertEquals(reserve, open.get(0).get("from"));
        assertEquals(face, open.get(0).get("to"));
        given().contentType(ContentType.JSON).post("/api/replenishment/sweep").then().statusCode(200);
        assertEquals(1, tasks(f).size(), "one open task per face");
        given().get("/api/pick-faces/" + face).then().body("[0].openTask", equalTo(((Number) open.get(0).get("id")).intValue()));

        long task = replenish(f, "rex").getLong("id");
        assertEquals("ACCEPTED", scan("rex", task, reserve).getString("result"));
        assertEquals("ACCEPTED", scan("rex", task, gtin).getString("result"));
        assertEquals("TO", scan("rex", task, "16").getString("expect"));
        JsonPath done = scan("rex", task, face);
        assertEquals("ACCEPTED", done.getString("result"), done.getString("message"));
        assertEquals("DONE", done.getString("task.status"));
        assertEquals(16, done.getInt("task.moved"));
        assertEquals(20, stock(f, face));
        assertEquals(34, stock(f, reserve));
        assertEquals(2, f.count("select count(*) from stock_ledger where reference = ? and kind in ('MOVE_OUT','MOVE_IN')", "replenishment:" + task));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_refill_the_face_for_a_wave_before_its_pickers_arrive_and_pick_there() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("VIRAL", "410200000001");
        String face = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 9);
        f.tote(1);
        f.receive("VIRAL", face, 3);
        f.receive("VIRAL", reserve, 50);
        face(f, face, "VIRAL", 2, 10).then().statusCode(200);
        for (int i = 0; i < 8; i++) order(f, "v-" + i, "VIRAL", 1); // 3 reserved at the face, 5 at reserve
        assertEquals(5, f.count("select allocated from stock s join location l on l.id = s.location_id where l.code = ?", reserve));

        long wave = plan(f);
        // The release made the task in its own transaction: before any picker could claim.
        List<Map<String, Object>> open = tasks(f);
        assertEquals(1, open.size());
        Map<String, Object> t = open.get(0);
        assertEquals("WAVE", t.get("reason"));
        assertEquals((int) wave, ((Number) t.get("waveId")).intValue());
        assertEquals(7, t.get("quantity"), "the wave's 5 reserved units, topped up to max: 10 - 3 - 5");
        assertEquals(1, t.get("waitingStops"));
        assertNull(claim(f, "pia"), "the pick task waits for its replenishment");

        long task = replenish(f, "rex").getLong("id");
        assertEquals(((Number) t.get("id")).longValue(), task);
        scan("rex", task, reserve);
        scan("rex", task, gtin);
        scan("rex", task, "7");
        assertEquals("DONE", scan("rex", task, face).getString("task.status"));
        // The wave's stop and its reservations followed the units to the face.
        assertEquals(10, stock(f, face));
        assertEquals(8, f.count("select allocated from stock s join location l on l.id = s.location_id where l.code = ?", face));
        assertEquals(0, f.count("select allocated from stock s join location l on l.id = s.location_id where l.code = ?", reserve));

        JsonPath pick = claim(f, "pia");
        assertNotNull(pick, "claimable once the face is refilled");
        assertEquals(List.of(face, face), pick.getList("stops.location"));
        pickAll(f, "pia", pick.getLong("id"), Map.of("VIRAL", gtin));
        assertEquals(8, f.orders("PICKED"));
        assertEquals(2, stock(f, face));
        assertEquals(43, stock(f, reserve));
        assertEquals(0, f.count("select count(*) from pick_stop s join pick_task t on t.id = s.task_id join location l on l.id = s.location_id"
                + " where t.wave_id = ? and l.code = ?", wave, reserve), "no picker walked to reserve");
        assertEquals(0, tasks(f).size(), "at its min, not below: no further task");
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_keep_a_dependent_pick_unclaimable_until_its_replenishment_is_done_or_cancelled() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("HOT", "410300000001");
        String face = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 9);
        f.tote(1);
        f.receive("HOT", reserve, 10);
        face(f, face, "HOT", 0, 5).then().statusCode(200);
        order(f, "h-1", "HOT", 2);
        plan(f);
        long task = ((Number) tasks(f).get(0).get("id")).longValue();
        assertNull(claim(f, "pia"));
        long held = replenish(f, "rex").getLong("id");
        assertEquals(task, held);
        assertNull(claim(f, "pia"), "still waiting while the replenisher is on the way");
        given().post("/api/replenishment/tasks/" + task + "/release").then().statusCode(200).body("status", equalTo("OPEN"));
        assertNull(claim(f, "pia"));
        given().post("/api/replenishment/tasks/" + task + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));

        JsonPath pick = claim(f, "pia");
        assertNotNull(pick, "a cancelled replenishment frees its picks");
        assertEquals(List.of(reserve), pick.getList("stops.location"), "they go to reserve as planned");
        pickAll(f, "pia", pick.getLong("id"), Map.of("HOT", gtin));
        assertEquals(8, stock(f, reserve));
        assertEquals(0, stock(f, face));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_reject_wrong_scans_with_a_reason_record_every_scan_and_move_nothing_until_the_face() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "410400000001");
        String other = f.skuWithGtin("B", "410400000002");
        String face = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 9);
        f.receive("A", face, 1);
        f.receive("A", reserve, 20);
        face(f, face, "A", 2, 6).then().statusCode(200).body("openTask", org.hamcrest.Matchers.notNullValue());
        JsonPath claimed = replenish(f, "rita");
        long task = claimed.getLong("id");
        assertEquals(5, claimed.getInt("quantity"));
        String badDigit = gtin.substring(0, 12) + ((gtin.charAt(12) - '0' + 1) % 10);

        List<String[]> script = List.of(
                new String[]{"rita", gtin, "SCAN_BIN_FIRST"},
                new String[]{"rita", face, "WRONG_LOCATION"},
                new String[]{"rita", "??", "NOT_A_BIN"},
                new String[]{"rita", badDigit, "BAD_CHECK_DIGIT"},
                new String[]{"otto", reserve, "NOT_YOUR_TASK"},
                new String[]{"rita", reserve, null},
                new String[]{"rita", other, "WRONG_ITEM"},
                new String[]{"rita", "3", "SCAN_ITEM_FIRST"},
                new String[]{"rita", gtin, null},
                new String[]{"rita", "9", "OVER_PICK"},
                new String[]{"rita", "5", null},
                new String[]{"rita", reserve, "WRONG_LOCATION"},
                new String[]{"rita", gtin, "OVER_PICK"});
        for (String[] s : script) {
            JsonPath a = scan(s[0], task, s[1]);
            assertEquals(s[2] == null ? "ACCEPTED" : "REJECTED", a.getString("result"), s[1] + ": " + a.getString("message"));
            assertEquals(s[2], a.getString("reason"), s[1]);
            if (s[2] != null) assertNotNull(a.getString("message"));
        }
        assertEquals(1, stock(f, face), "nothing moves before the face is scanned");
        assertEquals(20, stock(f, reserve));
        assertEquals("ACCEPTED", scan("rita", task, face).getString("result"));
        assertEquals("TASK_DONE", scan("rita", task, face).getString("reason"));
        assertEquals(6, stock(f, face));
        assertEquals(15, stock(f, reserve));

        assertEquals(script.size() + 2, f.count("select count(*) from scan where replenishment_id = ?", task), "every scan is on record");
        assertEquals(11, f.count("select count(*) from scan where replenishment_id = ? and result = 'REJECTED' and reason is not null", task));
        assertEquals(1, f.count("select count(*) from scan where replenishment_id = ? and actor = 'otto' and reason = 'NOT_YOUR_TASK'", task));
        JsonPath none = scan("rita", 999_999_999L, reserve);
        assertEquals("NO_TASK", none.getString("reason"));
        assertEquals(1, f.count("select count(*) from scan where replenishment_id = 999999999 and reason = 'NO_TASK'"));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_give_two_replenishers_claiming_at_once_two_different_tasks() throws Exception {
        Floor f = new Floor();
        f.sku("X");
        f.sku("Y");
        String faceX = f.bin("PICK_FACE", 1), faceY = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 9);
        f.receive("X", reserve, 20);
        f.receive("Y", reserve, 20);
        face(f, faceX, "X", 1, 10).then().statusCode(200);
        face(f, faceY, "Y", 1, 10).then().statusCode(200);
        assertEquals(2, tasks(f).size());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> claims = new ArrayList<>();
        for (String who : List.of("r1", "r2"))
            claims.add(pool.submit(() -> { go.await(); return replenish(f, who).getLong("id"); }));
        go.countDown();
        Set<Long> got = new HashSet<>();
        for (Future<Long> c : claims) got.add(c.get(30, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(2, got.size(), "SKIP LOCKED: never the same task twice");
        assertEquals(204, given().contentType(ContentType.JSON).body(Map.of("picker", "r3", "zone", f.zone))
                .post("/api/replenishment/claim").statusCode());
        long again = replenish(f, "r1").getLong("id");
        assertTrue(got.contains(again), "a replenisher asking again gets the task in hand");
        assertEquals(2, f.count("select count(distinct picker) from replenishment_task r join location l on l.id = r.to_location_id"
                + " where l.zone = ? and r.status = 'CLAIMED'", f.zone));
    }

    @Test
    void shall_never_drive_stock_negative_when_picks_and_a_replenishment_hit_the_same_face_at_once() throws Exception {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("RUSH", "410600000001");
        String face = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 9);
        for (int i = 1; i <= 10; i++) f.tote(i);
        f.receive("RUSH", face, 10);
        f.receive("RUSH", reserve, 100);
        face(f, face, "RUSH", 0, 30).then().statusCode(200);
        for (int i = 0; i < 10; i++) order(f, "r-" + i, "RUSH", 2); // 5 orders at the face, 5 at reserve
        long wave = given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "cartTotes", 1)).post("/api/waves")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(10, f.count("select count(*) from pick_task where wave_id = ?", wave));
        List<Map<String, Object>> open = tasks(f);
        assertEquals(1, open.size());
        assertEquals(20, open.get(0).get("quantity"), "10 for the wave, 10 to top up to 30");
        long task = ((Number) open.get(0).get("id")).longValue();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> work = new ArrayList<>();
        for (String picker : List.of("p1", "p2", "p3"))
            work.add(pool.submit((Callable<Integer>) () -> {
                go.await();
                int picked = 0;
                long until = System.currentTimeMillis() + 60_000;
                while (System.currentTimeMillis() < until) {
                    JsonPath t = claim(f, picker);
                    if (t != null) {
                        pickAll(f, picker, t.getLong("id"), Map.of("RUSH", gtin));
                        picked++;
                    } else if (f.count("select count(*) from pick_task where wave_id = ? and status <> 'DONE'", wave) == 0) {
                        return picked;
                    } else {
                        Thread.sleep(20);
                    }
                }
                throw new AssertionError(picker + " ran out of time");
            }));
        work.add(pool.submit((Callable<Integer>) () -> {
            go.await();
            assertEquals(task, replenish(f, "rex").getLong("id"));
            for (String code : List.of(reserve, gtin, "20")) assertEquals("ACCEPTED", scan("rex", task, code).getString("result"));
            JsonPath done = scan("rex", task, face);
            assertEquals("ACCEPTED", done.getString("result"), done.getString("message"));
            return 1;
        }));
        go.countDown();
        int tasksPicked = 0;
        for (int i = 0; i < 3; i++) tasksPicked += work.get(i).get(90, TimeUnit.SECONDS);
        assertEquals(1, work.get(3).get(90, TimeUnit.SECONDS));
        pool.shutdown();

        assertEquals(10, tasksPicked);
        assertEquals(10, f.orders("PICKED"));
        assertEquals(10, stock(f, face), "10 + 20 refilled - 20 picked");
        assertEquals(80, stock(f, reserve));
        assertEquals(0, f.allocated("RUSH") - 20, "the 20 picked units ride reserved in totes, nothing else is reserved");
        assertEquals(0, f.count("""
                select count(*) from stock s join product p on p.id = s.product_id join shop sh on sh.id = p.shop_id
                 where sh.code = ? and (s.on_hand < 0 or s.allocated < 0 or s.allocated > s.on_hand)""", f.shop));
        assertEquals(0, f.count("select count(*) from pick_stop s join pick_task t on t.id = s.task_id join location l on l.id = s.location_id"
                + " where t.wave_id = ? and l.code = ?", wave, reserve), "every stop was re-pointed before its picker came");
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true)).body("oversoldRows", equalTo(0));
    }

    // ---- helpers ----

    static io.restassured.response.Response face(Floor f, String bin, String sku, int min, int max) {
        return given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "sku", sku, "min", min, "max", max))
                .put("/api/pick-faces/" + bin);
    }

    static void order(Floor f, String id, String sku, int qty) {
        given().contentType(ContentType.JSON).body(f.order(id, sku, qty)).post("/api/orders").then().statusCode(201);
    }

    /** Open and claimed tasks of this floor's faces. */
    static List<Map<String, Object>> tasks(Floor f) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String status : List.of("OPEN", "CLAIMED"))
            out.addAll(given().get("/api/replenishment/tasks?status=" + status + "&zone=" + f.zone).then().statusCode(200)
                    .extract().jsonPath().getList("$"));
        return out;
    }

    static JsonPath replenish(Floor f, String picker) {
        var r = given().contentType(ContentType.JSON).body(Map.of("picker", picker, "zone", f.zone)).post("/api/replenishment/claim");
        assertNotEquals(204, r.statusCode(), "no replenishment to claim");
        return r.then().statusCode(200).extract().jsonPath();
    }

    static JsonPath scan(String picker, long task, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("picker", picker, "code", code))
                .post("/api/replenishment/tasks/" + task + "/scan").then().statusCode(200).extract().jsonPath();
    }

    static long stock(Floor f, String bin) {
        return f.count("select coalesce(sum(s.on_hand), 0) from stock s join location l on l.id = s.location_id where l.code = ?", bin);
    }
}
