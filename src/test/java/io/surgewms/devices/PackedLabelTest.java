package io.surgewms.devices;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.devices.print.Printers;
import io.surgewms.devices.printer.FakeZebra;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A parcel closed at a station with a printer device: its label goes to that printer, and can be reprinted from the parcel. */
@QuarkusTest
class PackedLabelTest {

    static final Duration LONG = Duration.ofSeconds(60);

    @AfterEach
    void retirePrinters() {
        io.surgewms.devices.print.Printers.retire();
    }

    @Test
    void shall_print_a_closed_parcels_label_on_the_station_printer_device_and_reprint_it_from_the_parcel() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            Floor f = new Floor();
            String a = f.skuWithGtin("A", "403100000001");
            f.receive("A", f.bin("PICK_FACE", 1), 5);
            f.tote(1);
            given().contentType(ContentType.JSON).body(f.order("pd-1", "A", 1)).post("/api/orders").then().statusCode(201);
            plan(f);
            long task = claim(f, "pia").getLong("id");
            pickAll(f, "pia", task, Map.of("A", a));
            String station = "PD-" + f.zone;
            given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "STANDARD")).post("/api/packing/stations").then().statusCode(201);
            String printer = Printers.name("ZS");
            Floor.sql("insert into device (name, kind, connection, host, tcp_port, options, station) values (?, 'PRINTER', 'TCP', ?, ?, '{\"dpi\": 300}'::jsonb, ?)",
                    printer, zebra.host(), zebra.port(), station);

            String tote = given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("stops[0].tote");
            given().contentType(ContentType.JSON).body(Map.of("code", tote, "packer", "pam")).post("/api/packing/stations/" + station + "/open").then().statusCode(200);
            given().contentType(ContentType.JSON).body(Map.of("code", a, "packer", "pam")).post("/api/packing/stations/" + station + "/scan").then().statusCode(200);
            JsonPath closed = given().contentType(ContentType.JSON).body(Map.of("packer", "pam")).post("/api/packing/stations/" + station + "/close")
                    .then().statusCode(200).extract().jsonPath();
            long shipment = closed.getLong("shipmentId");
            assertTrue(closed.getString("message").contains(printer), closed.getString("message"));

            assertTrue(zebra.awaitLabels(1, LONG), "the label reaches the station's printer without anyone draining the queue");
            byte[] payload = payloadOf(shipment);
            assertEquals(zpl(payload), new String(zebra.labels().get(0), StandardCharsets.US_ASCII), "the label as queued, byte for byte");
            assertTrue(new String(payload, StandardCharsets.US_ASCII).contains("^PW1200"), "printed at the printer's 300 dpi");

            long copy = given().post("/api/shipments/" + shipment + "/reprint").then().statusCode(200).extract().jsonPath().getLong("id");
            assertTrue(zebra.awaitLabels(2, LONG), "the reprint arrives");
            assertEquals(zpl(payload), new String(zebra.labels().get(1), StandardCharsets.US_ASCII));
            assertTrue(Printers.eventually(LONG, () -> Printers.count(
                    "select count(*) from print_job where shipment_id = ? and status = 'SENT' and printer = ?", shipment, printer) == 2));
            List<Long> history = given().queryParam("station", station).get("/api/print-jobs").then().statusCode(200)
                    .extract().jsonPath().getList("id", Long.class);
            assertEquals(2, history.size());
            assertEquals(copy, history.get(0), "newest first");
        }
    }

    @Test
    void shall_print_at_the_stations_dpi_when_the_printer_profile_names_none() {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "403100000002");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        f.tote(1);
        given().contentType(ContentType.JSON).body(f.order("pd-2", "A", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        long task = claim(f, "pia").getLong("id");
        pickAll(f, "pia", task, Map.of("A", a));
        String station = "PN-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "labelDpi", 300, "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
        String printer = Printers.name("ZN");
        given().contentType(ContentType.JSON).body(Map.of("kind", "printer", "connection", "TCP", "host", "127.0.0.1", "tcpPort", 9, "station", station))
                .put("/api/devices/" + printer).then().statusCode(201);

        long shipment = given().contentType(ContentType.JSON).body(Map.of("code", a, "packer", "pam")).post("/api/packing/stations/" + station + "/scan")
                .then().statusCode(200).extract().jsonPath().getLong("shipmentId");
        assertTrue(new String(payloadOf(shipment), StandardCharsets.US_ASCII).contains("^PW1200"), "the station's 300 dpi");
    }

    /** ^XA through ^XZ: the fake records labels without what follows the last ^XZ (a line end). */
    private static String zpl(byte[] payload) {
        String s = new String(payload, StandardCharsets.US_ASCII);
        return s.substring(0, s.lastIndexOf("^XZ") + 3);
    }

    private static byte[] payloadOf(long shipment) {
        try (var c = Floor.connect(); var ps = c.prepareStatement("select payload from print_job where shipment_id = ? order by id limit 1")) {
            ps.setLong(1, shipment);
            try (var rs = ps.executeQuery()) { rs.next(); return rs.getBytes(1); }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
