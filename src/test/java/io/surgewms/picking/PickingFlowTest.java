package io.surgewms.picking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static io.surgewms.testsupport.Pick.scan;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A wave from allocated orders to picked totes, driven only by scans, checked against ledger and stock. */
@QuarkusTest
class PickingFlowTest {

    @Test
    void shall_pick_a_whole_wave_by_scans_and_move_the_units_from_bins_to_totes() {
        Floor f = new Floor();
        Map<String, String> gtin = Map.of("VIRAL", f.skuWithGtin("VIRAL", "400100000001"), "CASE", f.skuWithGtin("CASE", "400100000002"));
        String binV = f.bin("PICK_FACE", 3), binC = f.bin("PICK_FACE", 7);
        for (int i = 1; i <= 4; i++) f.tote(i);
        f.receive("VIRAL", binV, 20);
        f.receive("CASE", binC, 20);
        for (int i = 0; i < 5; i++) given().contentType(ContentType.JSON).body(f.order("s-" + i, "VIRAL", 1)).post("/api/orders").then().statusCode(201);
        for (int i = 0; i < 2; i++) given().contentType(ContentType.JSON).body(f.order("m-" + i, "VIRAL", 1, "CASE", 2)).post("/api/orders").then().statusCode(201);

        long wave = plan(f);
        given().get("/api/waves/" + wave).then().body("orders", equalTo(7)).body("units", equalTo(11))
                .body("tasks", equalTo(2)).body("status", equalTo("RELEASED"));
        assertEquals(7, f.orders("RELEASED"));

        // The bulk task of the singles: one stop, 5 units of VIRAL into one tote.
        JsonPath first = claim(f, "ana");
        assertNotNull(first);
        long t1 = first.getLong("id");
        JsonPath second = claim(f, "ben");
        long t2 = second.getLong("id");
        JsonPath bulk = first.getString("kind").equals("BULK") ? first : second;
        assertEquals(1, bulk.getList("stops").size());
        assertEquals(5, bulk.getInt("stops[0].quantity"));
        assertNull(bulk.get("stops[0].orderId"), "a bulk stop serves many orders, not one");
        assertEquals("LOCATION", first.getString("expect"));
        assertEquals(7, f.orders("PICKING"));

        pickAll(f, "ana", t1, gtin);
        pickAll(f, "ben", t2, gtin);

        given().get("/api/picking/tasks/" + t1).then().body("status", equalTo("DONE")).body("unitsPicked", equalTo(first.getInt("units")));
        given().get("/api/waves/" + wave).then().body("status", equalTo("COMPLETED")).body("unitsPicked", equalTo(11));
        assertEquals(7, f.orders("PICKED"));
        // Units left the bins and sit in totes, still reserved for their orders.
        assertEquals(13, f.count("select on_hand from stock s join location l on l.id = s.location_id where l.code = ?", binV));
        assertEquals(16, f.count("select on_hand from stock s join location l on l.id = s.location_id where l.code = ?", binC));
        assertEquals(11, f.count("""
                select coalesce(sum(s.on_hand), 0) from stock s
                 where s.allocated = s.on_hand and s.location_id in (select tote_id from pick_stop where task_id in (?, ?))""", t1, t2));
        assertEquals(0, f.count("select count(*) from allocation a join orders o on o.id = a.order_id join shop s on s.id = o.shop_id where s.code = ? and a.status = 'ACTIVE'", f.shop));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
        // Every scan is on record with its picker and result.
        assertEquals(f.count("select count(*) from scan where task_id in (?, ?)", t1, t2),
                f.count("select count(*) from scan where task_id in (?, ?) and result = 'ACCEPTED' and actor in ('ana','ben')", t1, t2));
        given().get("/api/orders?shop=" + f.shop + "&status=PICKED").then().body("total", equalTo(7));
    }

    @Test
    void shall_reject_wrong_scans_with_a_reason_and_change_nothing() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "400200000001");
        f.skuWithGtin("OTHER", "400200000002");
        String bin = f.bin("PICK_FACE", 1), elsewhere = f.bin("PICK_FACE", 2);
        f.tote(1);
        f.tote(2);
        f.receive("A", bin, 5);
        given().contentType(ContentType.JSON).body(f.order("w-1", "A", 2)).post("/api/orders").then().statusCode(201);
        plan(f);
        long task = claim(f, "cara").getLong("id");
        String tote = given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("next.tote");
        String one = "TOTE-" + f.zone + "-1", two = "TOTE-" + f.zone + "-2";
        String wrongTote = one.equals(tote) ? two : one; // totes are shared by the floor: this one belongs to no stop of the task

        assertReject(scan("cara", task, elsewhere), "WRONG_LOCATION", "LOCATION");
        assertReject(scan("cara", task, gtin), "SCAN_BIN_FIRST", "LOCATION");
        assertReject(scan("cara", task, "a-3-12"), "NOT_A_BIN", "LOCATION");
        assertReject(scan("cara", task, "4002000000019"), "BAD_CHECK_DIGIT", "LOCATION"); // last digit wrong
        assertReject(scan("dan", task, bin), "NOT_YOUR_TASK", "LOCATION");
        scan("cara", task, bin);
        assertReject(scan("cara", task, io.surgewms.barcode.Gtin.withCheckDigit("400200000002")), "WRONG_ITEM", "ITEM");
        assertReject(scan("cara", task, "7"), "SCAN_ITEM_FIRST", "ITEM");
        scan("cara", task, gtin);
        assertReject(scan("cara", task, "3"), "OVER_PICK", "ITEM");
        assertEquals("TOTE", scan("cara", task, "2").getString("expect"));
        assertReject(scan("cara", task, gtin), "OVER_PICK", "TOTE");
        assertReject(scan("cara", task, wrongTote), "WRONG_TOTE", "TOTE");
        assertReject(scan("cara", task, "\u0002\u0003  "), "UNREADABLE", "TOTE");
        assertEquals(5, f.onHand("A"), "no unit moved by a rejected scan");
        assertEquals("DONE", scan("cara", task, tote).getString("expect"));
        assertEquals(11, f.count("select count(*) from scan where task_id = ? and result = 'REJECTED'", task));
        assertEquals(1, f.count("select count(*) from scan where task_id = ? and reason = 'WRONG_TOTE' and code = ? and actor = 'cara'", task, wrongTote));
    }

    static void assertReject(JsonPath answer, String reason, String expect) {
        assertEquals("REJECTED", answer.getString("result"), answer.prettify());
        assertEquals(reason, answer.getString("reason"));
        assertEquals(expect, answer.getString("expect"));
        assertNotNull(answer.getString("message"));
    }

    @Test
    void shall_answer_no_work_and_keep_a_picker_on_one_task_at_a_time() {
        Floor f = new Floor();
        f.skuWithGtin("A", "400300000001");
        f.skuWithGtin("B", "400300000002");
        String bin = f.bin("PICK_FACE", 1), bin2 = f.bin("PICK_FACE", 2);
        f.tote(1);
        f.tote(2);
        f.receive("A", bin, 5);
        f.receive("B", bin2, 5);
        given().contentType(ContentType.JSON).body(Map.of("picker", "eve", "zone", f.zone)).post("/api/picking/claim").then().statusCode(204);
        given().contentType(ContentType.JSON).body(f.order("n-1", "A", 1)).post("/api/orders");
        given().contentType(ContentType.JSON).body(f.order("n-2", "B", 1)).post("/api/orders");
        plan(f);
        long a = claim(f, "eve").getLong("id");
        assertEquals(a, claim(f, "eve").getLong("id"), "asking again gives the same task");
        long b = claim(f, "fay").getLong("id");
        assertEquals(List.of(), List.of(a).stream().filter(x -> x == b).toList());
        given().post("/api/picking/tasks/" + a + "/pause").then().statusCode(200).body("status", equalTo("PAUSED"));
        given().post("/api/picking/tasks/" + a + "/release").then().statusCode(200).body("status", equalTo("OPEN")).body("picker", equalTo(null));
        given().contentType(ContentType.JSON).body(Map.of("picker", "gus")).post("/api/picking/tasks/" + a + "/reassign")
                .then().statusCode(200).body("status", equalTo("CLAIMED")).body("picker", equalTo("gus"));
        given().post("/api/picking/tasks/987654321/pause").then().statusCode(404);
    }
}
