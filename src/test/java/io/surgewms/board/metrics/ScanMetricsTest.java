package io.surgewms.board.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.devices.serial.Pty;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.plan;
import static io.surgewms.testsupport.Pick.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scan latency: one timer, tagged by where the scan came from and how it was answered. */
@QuarkusTest
class ScanMetricsTest {

    static final String COUNT = "surge_scan_latency_seconds_count";

    static double delta(Scrape before, Scrape after, String source, String result) {
        return after.value(COUNT, "source", source, "result", result) - before.value(COUNT, "source", source, "result", result);
    }

    @Test
    void shall_publish_every_source_and_result_with_histogram_buckets() {
        Scrape s = Scrape.now();
        for (String source : new String[] {"pick", "pack", "serial"})
            for (String result : new String[] {"accepted", "rejected", "error"}) {
                assertTrue(s.has(COUNT, "source", source, "result", result), source + "/" + result);
                assertTrue(s.has("surge_scan_latency_seconds_bucket", "source", source, "result", result, "le", "+Inf"));
            }
        assertTrue(s.find("surge_scan_latency_seconds_bucket", "source", "pick", "result", "accepted").size() > 5, "buckets for histogram_quantile");
    }

    @Test
    void shall_time_pick_pack_and_serial_scans_by_their_answer() throws Exception {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("S1", "402300000001");
        String bin = f.bin("PICK_FACE", 1);
        f.receive("S1", bin, 5);
        f.tote(1);
        given().contentType(ContentType.JSON).body(f.order("scan-met-1", "S1", 2)).post("/api/orders").then().statusCode(201);
        plan(f);
        String picker = "met-" + f.zone.toLowerCase();
        long task = claim(f, picker).getLong("id");
        String station = "MS-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "STANDARD", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
        Scrape before = Scrape.now();

        // The handheld: the item before the bin is refused, then the bin is taken
        assertEquals("REJECTED", scan(picker, task, gtin).getString("result"));
        assertEquals("ACCEPTED", scan(picker, task, bin).getString("result"));
        // The pack page: a unit with no order open is refused; so is a scan without a packer (400)
        given().contentType(ContentType.JSON).body(Map.of("code", gtin, "packer", "pia")).post("/api/packing/stations/" + station + "/scan")
                .then().statusCode(200).body("result", org.hamcrest.Matchers.equalTo("REJECTED"));
        given().contentType(ContentType.JSON).body(Map.of("code", gtin)).post("/api/packing/stations/" + station + "/scan").then().statusCode(400);

        Scrape mid = Scrape.now();
        assertEquals(1, delta(before, mid, "pick", "accepted"));
        assertEquals(1, delta(before, mid, "pick", "rejected"));
        assertEquals(0, delta(before, mid, "pack", "accepted"));
        assertEquals(2, delta(before, mid, "pack", "rejected"));
        assertEquals(0, delta(before, mid, "pick", "error") + delta(before, mid, "pack", "error"));
        assertTrue(mid.value("surge_scan_latency_seconds_sum", "source", "pick", "result", "accepted")
                > before.value("surge_scan_latency_seconds_sum", "source", "pick", "result", "accepted"), "the time is recorded too");

        // A serial scanner on the picker's cart: its scans count as serial, not as pick
        String device = "MCART-" + f.zone;
        try (Pty line = new Pty()) {
            given().contentType(ContentType.JSON).body(Map.of("kind", "SCANNER", "connection", "SERIAL", "port", line.device(), "picker", picker))
                    .put("/api/devices/" + device).then().statusCode(201);
            await(() -> "ONLINE".equals(given().get("/api/devices/" + device).jsonPath().getString("status.state")));
            line.write(gtin + "\r");
            line.write(new byte[] {0x01, 0x1b, 'x', (byte) 0xff, '\r'});
            await(() -> f.count("select count(*) from scan where device = ?", device) == 2);
            await(() -> delta(mid, Scrape.now(), "serial", "rejected") == 1);
        } finally {
            given().delete("/api/devices/" + device);
        }
        Scrape after = Scrape.now();
        assertEquals(1, delta(mid, after, "serial", "accepted"), "the item, from the cart's scanner");
        assertEquals(1, delta(mid, after, "serial", "rejected"), "the noise");
        assertEquals(0, delta(mid, after, "pick", "accepted") + delta(mid, after, "pick", "rejected"), "not counted twice");
    }

    static void await(java.util.function.BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached in 20 s");
            Thread.sleep(50);
        }
    }
}
