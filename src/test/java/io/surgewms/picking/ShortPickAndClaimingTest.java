package io.surgewms.picking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static io.surgewms.testsupport.Pick.scan;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ShortPickAndClaimingTest {

    @Inject TaskService tasks;

    @Test
    void shall_never_give_two_concurrent_claimers_the_same_task() throws Exception {
        Floor f = new Floor();
        for (int i = 0; i < 24; i++) {
            f.sku("S" + i);
            f.tote(i);
            f.receive("S" + i, f.bin("PICK_FACE", i + 1), 3);
            given().contentType(ContentType.JSON).body(f.order("c-" + i, "S" + i, 1)).post("/api/orders").then().statusCode(201);
        }
        plan(f);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Long>> got = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            String picker = "racer-" + p;
            got.add(pool.submit((Callable<Long>) () -> {
                JsonPath t = claim(f, picker);
                return t == null ? null : t.getLong("id");
            }));
        }
        Set<Long> ids = new HashSet<>();
        int none = 0;
        for (Future<Long> g : got) {
            Long id = g.get();
            if (id == null) none++;
            else assertEquals(true, ids.add(id), "task " + id + " given twice");
        }
        pool.shutdown();
        assertEquals(24, ids.size());
        assertEquals(6, none);
    }

    @Test
    void shall_reserve_a_short_picked_unit_in_another_bin_and_add_the_stop_to_the_route() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "400400000001");
        String face = f.bin("PICK_FACE", 1), reserve = f.bin("RESERVE", 9);
        f.tote(1);
        f.receive("A", face, 2);
        f.receive("A", reserve, 10);
        Map<String, Object> early = f.order("sh-1", "A", 1);
        given().contentType(ContentType.JSON).body(early).post("/api/orders").then().statusCode(201);
        given().contentType(ContentType.JSON).body(f.order("sh-2", "A", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        long task = claim(f, "hal").getLong("id");
        scan("hal", task, face);
        scan("hal", task, gtin);
        // Only one unit in the bin: short with found = 1.
        given().contentType(ContentType.JSON).body(Map.of("picker", "hal", "found", 1)).post("/api/picking/tasks/" + task + "/short")
                .then().statusCode(200)
                .body("stops.size()", equalTo(2))
                .body("stops[0].quantity", equalTo(1))
                .body("stops[1].location", equalTo(reserve))
                .body("expect", equalTo("TOTE"));
        assertEquals(1, f.count("select count(*) from count_task c join location l on l.id = c.location_id where l.code = ? and c.status = 'OPEN'", face));
        pickAll(f, "hal", task, Map.of("A", gtin));
        assertEquals(2, f.orders("PICKED"));
        assertEquals(9, f.count("select on_hand from stock s join location l on l.id = s.location_id where l.code = ?", reserve));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_flag_the_order_when_no_other_bin_can_cover_a_short_pick() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "400500000001");
        String face = f.bin("PICK_FACE", 1);
        f.tote(1);
        f.receive("A", face, 3);
        given().contentType(ContentType.JSON).body(f.order("fl-1", "A", 3)).post("/api/orders").then().statusCode(201);
        plan(f);
        long task = claim(f, "ivy").getLong("id");
        scan("ivy", task, face);
        given().contentType(ContentType.JSON).body(Map.of("picker", "ivy", "found", 0)).post("/api/picking/tasks/" + task + "/short")
                .then().statusCode(200).body("expect", equalTo("DONE")).body("status", equalTo("DONE"));
        given().get("/api/orders?shop=" + f.shop).then().body("items[0].status", equalTo("PICKING"));
        assertEquals(1, f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ? and o.exception like 'SHORT: 3 × A missing%'", f.shop));
        assertEquals(0, f.allocated("A"), "the missing units are no longer reserved at the bin");
        assertEquals(0, f.count("select count(*) from scan where task_id = ? and result = 'REJECTED'", task));
        given().contentType(ContentType.JSON).body(Map.of("picker", "ivy", "found", 5)).post("/api/picking/tasks/" + task + "/short")
                .then().statusCode(409);
    }

    @Test
    void shall_return_an_abandoned_task_to_the_pool() {
        Floor f = new Floor();
        f.sku("A");
        f.tote(1);
        f.receive("A", f.bin("PICK_FACE", 1), 3);
        given().contentType(ContentType.JSON).body(f.order("ab-1", "A", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        long task = claim(f, "joe").getLong("id");
        Floor.sql("update pick_task set heartbeat_at = now() - interval '2 hours' where id = ?", task);
        tasks.returnAbandonedNow();
        given().get("/api/picking/tasks/" + task).then().body("status", equalTo("OPEN")).body("picker", equalTo(null));
        given().contentType(ContentType.JSON).body(Map.of("picker", "kim", "zone", f.zone)).post("/api/picking/claim")
                .then().body("id", equalTo((int) task)).body("picker", startsWith("kim"));
        // A break: asking for work again (from any device) gives the paused task back, not a new one.
        given().post("/api/picking/tasks/" + task + "/pause").then().body("status", equalTo("PAUSED"));
        given().contentType(ContentType.JSON).body(Map.of("picker", "kim")).post("/api/picking/claim")
                .then().body("id", equalTo((int) task)).body("status", equalTo("CLAIMED"));
    }

    @Test
    void shall_take_a_cancelled_order_off_the_route_and_keep_stock_true() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "400600000001");
        String bin = f.bin("PICK_FACE", 1);
        f.tote(1);
        f.receive("A", bin, 10);
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++)
            ids[i] = given().contentType(ContentType.JSON).body(f.order("cx-" + i, "A", 1)).post("/api/orders").then().extract().jsonPath().getLong("id");
        plan(f);
        long task = claim(f, "max").getLong("id");
        given().post("/api/orders/" + ids[2] + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().get("/api/picking/tasks/" + task).then().body("stops[0].quantity", equalTo(2));
        pickAll(f, "max", task, Map.of("A", gtin));
        assertEquals(2, f.orders("PICKED"));
        assertEquals(8, f.onHand("A") - f.count("""
                select coalesce(sum(s.on_hand), 0) from stock s join location l on l.id = s.location_id
                 where l.kind = 'TOTE' and s.product_id = (select p.id from product p join shop sh on sh.id = p.shop_id where sh.code = ? and p.sku = 'A')""", f.shop));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
        // Cancelling a picked order: its units stay in the tote, no longer reserved.
        given().post("/api/orders/" + ids[0] + "/cancel").then().statusCode(200);
        assertEquals(1, f.allocated("A"));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }
}
