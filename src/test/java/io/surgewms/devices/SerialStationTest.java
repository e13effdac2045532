package io.surgewms.devices;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.devices.serial.Pty;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pack stations driven by serial scanners: socat pseudo-terminals stand in for the scanners, jssc reads
 * the other end, and every scan goes through the station's real pipeline.
 */
@QuarkusTest
class SerialStationTest {

    @TestHTTPResource("/")
    URL base;

    static void station(String code) {
        given().contentType(ContentType.JSON).body(Map.of("code", code, "kind", "STANDARD", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
    }

    static void scanner(String name, String station, String port, String suffix) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "SCANNER", "connection", "SERIAL", "port", port, "baud", 9600,
                "options", Map.of("suffix", suffix), "station", station));
        given().contentType(ContentType.JSON).body(body).put("/api/devices/" + name).then().statusCode(201);
    }

    static String state(String device) {
        return given().get("/api/devices/" + device).then().statusCode(200).extract().jsonPath().getString("status.state");
    }

    static <T> T await(String what, Supplier<T> value, java.util.function.Predicate<T> ok) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (ok.test(last)) return last;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(what + ": still " + last);
    }

    static JsonPath stationView(String code) {
        return given().get("/api/packing/stations/" + code).then().statusCode(200).extract().jsonPath();
    }

    static String toteOf(Floor f, long order) {
        return String.valueOf(f.text("""
                select distinct l.code from allocation a join stock s on s.id = a.stock_id join location l on l.id = s.location_id
                 where a.order_id = ? and a.status = 'PICKED' and l.kind = 'TOTE'""", order));
    }

    @Test
    void shall_route_two_scanners_to_two_stations_reject_garbage_and_survive_an_unplug() throws Exception {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "402100000001"), b = f.skuWithGtin("B", "402100000002");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.receive("B", f.bin("PICK_FACE", 2), 10);
        f.tote(1);
        f.tote(2);
        long o1 = given().contentType(ContentType.JSON).body(f.order("ser-1", "A", 2)).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        long o2 = given().contentType(ContentType.JSON).body(f.order("ser-2", "B", 2)).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        plan(f);
        long task = claim(f, "sam").getLong("id");
        pickAll(f, "sam", task, Map.of("A", a, "B", b));
        String s1 = "SA-" + f.zone, s2 = "SB-" + f.zone, d1 = "SCAN-A-" + f.zone, d2 = "SCAN-B-" + f.zone;
        station(s1);
        station(s2);
        try (Pty p1 = new Pty(); Pty p2 = new Pty()) {
            scanner(d1, s1, p1.device(), "CR");
            scanner(d2, s2, p2.device(), "CRLF");
            await(d1 + " online", () -> state(d1), "ONLINE"::equals);
            await(d2 + " online", () -> state(d2), "ONLINE"::equals);

            // Each scanner's tote opens its order at its own station: nothing crosses.
            p1.write(toteOf(f, o1) + "\r");
            p2.write(toteOf(f, o2) + "\r\n");
            await(s1 + " opens", () -> stationView(s1).getString("openOrder.orderId"), String.valueOf(o1)::equals);
            await(s2 + " opens", () -> stationView(s2).getString("openOrder.orderId"), String.valueOf(o2)::equals);

            // Noise on the line, a wrong check digit, the other station's item: refused and recorded with the scanner's name.
            p1.write(new byte[] {0x01, 0x1b, 'x', (byte) 0xff, '\r'});
            p1.write(a.substring(0, 12) + ((a.charAt(12) - '0' + 1) % 10) + "\r");
            p1.write(b + "\r");
            await("three refusals recorded", () -> f.count("select count(*) from scan where device = ? and result = 'REJECTED'", d1), n -> n == 3);
            assertEquals(1, f.count("select count(*) from scan where device = ? and reason = 'UNREADABLE'", d1));
            assertEquals(1, f.count("select count(*) from scan where device = ? and reason = 'BAD_CHECK_DIGIT'", d1));
            assertEquals(1, f.count("select count(*) from scan where device = ? and reason = 'WRONG_ITEM'", d1));

            // The two units, then CLOSE from the scanner: a parcel with its label, order PACKED, no keyboard touched.
            p1.write(a + "\r" + a + "\rCLOSE\r");
            await("order packed", () -> given().get("/api/orders/" + o1).then().extract().jsonPath().getString("status"), "PACKED"::equals);
            assertEquals(1, f.count("select count(*) from shipment where order_id = ?", o1));

            // Scanner B is unplugged and plugged back in: offline, then online, and its scans flow again.
            p2.unplug();
            await(d2 + " offline", () -> state(d2), "OFFLINE"::equals);
            assertTrue(given().get("/api/devices/" + d2).then().extract().jsonPath().getString("status.lastError") != null);
            p2.replug();
            await(d2 + " back online", () -> state(d2), "ONLINE"::equals);
            p2.write(b + "\r\n");
            await("unit counted after replug", () -> stationView(s2).getInt("openOrder.lines[0].scanned"), n -> n == 1);
            assertEquals(0, f.count("select count(*) from scan where device = ? and result = 'REJECTED'", d2));
        } finally {
            given().delete("/api/devices/" + d1);
            given().delete("/api/devices/" + d2);
        }
    }

    @Test
    void shall_feed_a_scanner_that_serves_a_picker_into_the_pickers_task() throws Exception {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "402200000001");
        String bin = f.bin("PICK_FACE", 1);
        f.receive("A", bin, 5);
        f.tote(1);
        given().contentType(ContentType.JSON).body(f.order("ser-pick-1", "A", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        String picker = "cart-" + f.zone.toLowerCase();
        long task = claim(f, picker).getLong("id");
        String device = "CART-" + f.zone;
        try (Pty line = new Pty()) {
            given().contentType(ContentType.JSON).body(Map.of("kind", "SCANNER", "connection", "SERIAL", "port", line.device(), "picker", picker))
                    .put("/api/devices/" + device).then().statusCode(201);
            await(device + " online", () -> state(device), "ONLINE"::equals);
            line.write(bin + "\r");
            await("bin confirmed", () -> given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("expect"), "ITEM"::equals);
            line.write(a + "\r");
            await("unit picked", () -> given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("expect"), "TOTE"::equals);
            assertEquals(2, f.count("select count(*) from scan where device = ? and actor = ? and result = 'ACCEPTED'", device, picker));
        } finally {
            given().delete("/api/devices/" + device);
        }
    }
}
