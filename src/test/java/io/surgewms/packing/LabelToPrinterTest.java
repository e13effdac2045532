package io.surgewms.packing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.devices.PrintQueue;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Order → wave → pick → pack → the label's bytes arrive at a printer: a loopback TCP server stands in
 * for a thermal printer on port 9100 (the real network path, no mock).
 */
@QuarkusTest
class LabelToPrinterTest {

    @Inject PrintQueue queue;

    record Packed(long shipment, String tracking) {}

    private Packed packOne(Floor f, String station, int port) {
        String a = f.skuWithGtin("A", "402100000001");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        f.tote(1);
        given().contentType(ContentType.JSON).body(f.order("lp-1", "A", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        long task = claim(f, "lia").getLong("id");
        pickAll(f, "lia", task, Map.of("A", a));
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "STANDARD", "printerHost", "127.0.0.1", "printerPort", port))
                .post("/api/packing/stations").then().statusCode(201);
        String tote = given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("stops[0].tote");
        given().contentType(ContentType.JSON).body(Map.of("code", tote, "packer", "lou")).post("/api/packing/stations/" + station + "/open").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("code", a, "packer", "lou")).post("/api/packing/stations/" + station + "/scan").then().statusCode(200);
        long shipment = given().contentType(ContentType.JSON).body(Map.of("packer", "lou")).post("/api/packing/stations/" + station + "/close")
                .then().statusCode(200).extract().jsonPath().getLong("shipmentId");
        String tracking = given().get("/api/print-jobs?station=" + station).then().extract().jsonPath().getString("[0].status");
        assertTrue(tracking.equals("QUEUED") || tracking.equals("SENT"));
        return new Packed(shipment, trackingOf(f, shipment));
    }

    private static String trackingOf(Floor f, long shipment) {
        return "SW" + String.format("%011d", f.count("select substr(tracking_number, 3)::bigint from shipment where id = ?", shipment));
    }

    @Test
    void shall_send_the_label_of_a_packed_parcel_to_the_station_printer() throws Exception {
        try (ServerSocket printer = new ServerSocket(0)) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> readOne(printer));
            Floor f = new Floor();
            Packed p = packOne(f, "PR-" + f.zone, printer.getLocalPort());
            queue.drain(10);
            String zpl = received.get(20, TimeUnit.SECONDS);
            assertTrue(zpl.startsWith("^XA") && zpl.trim().endsWith("^XZ"), zpl);
            assertTrue(zpl.contains(p.tracking()), "the tracking number is on the label");
            assertEquals(1, f.count("select count(*) from print_job where shipment_id = ? and status = 'SENT'", p.shipment()));
        }
    }

    @Test
    void shall_keep_the_label_when_the_printer_is_off_and_print_it_when_it_is_back() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free it: nothing listens there now, like a printer switched off
        }
        Floor f = new Floor();
        Packed p = packOne(f, "PO-" + f.zone, port);
        queue.drain(10);
        assertEquals(1, f.count("select count(*) from print_job where shipment_id = ? and status = 'QUEUED' and attempts >= 1 and last_error like 'printer 127.0.0.1:%unreachable%'", p.shipment()));
        try (ServerSocket printer = new ServerSocket(port)) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> readOne(printer));
            Floor.sql("update print_job set next_attempt = now() where shipment_id = ?", p.shipment()); // skip the back-off wait
            queue.drain(10);
            assertTrue(received.get(20, TimeUnit.SECONDS).contains(p.tracking()));
        }
        assertEquals(1, f.count("select count(*) from print_job where shipment_id = ? and status = 'SENT'", p.shipment()));
    }

    private static String readOne(ServerSocket server) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
