package io.surgewms.packing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.barcode.Sscc;
import io.surgewms.testsupport.Floor;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From a picked tote to a closed parcel with its label queued; singles scanned and shipped one by one. */
@QuarkusTest
class PackingFlowTest {

    static JsonPath post(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract().jsonPath();
    }

    /** Scans the code n times at a singles station, each scan accepted; the orders shipped, in order. */
    static List<Long> shipSingles(String station, String code, int n) {
        List<Long> shipped = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonPath j = post("/api/packing/stations/" + station + "/scan", Map.of("code", code, "packer", "dana"));
            assertEquals("ACCEPTED", j.getString("result"), j.prettify());
            shipped.add(j.getLong("pack.orderId"));
        }
        return shipped;
    }

    static void station(String code, String kind) {
        given().contentType(ContentType.JSON).body(Map.of("code", code, "kind", kind, "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
    }

    @Test
    void shall_verify_every_unit_and_close_the_parcel_with_tracking_sscc_and_a_queued_label() throws Exception {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "401100000001"), b = f.skuWithGtin("B", "401100000002");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.receive("B", f.bin("PICK_FACE", 2), 10);
        f.tote(1);
        Map<String, Object> body = f.order("pk-1", "A", 2, "B", 1);
        body.put("shipTo", Map.of("name", "Ada Buyer", "company", "Buyer Bros Ltd", "line1", "1 Main St", "city", "Austin",
                "postalCode", "78701", "country", "US"));
        long order = given().contentType(ContentType.JSON).body(body).post("/api/orders").then().extract().jsonPath().getLong("id");
        plan(f);
        long task = claim(f, "pia").getLong("id");
        pickAll(f, "pia", task, Map.of("A", a, "B", b));
        String tote = given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("stops[0].tote");
        String st = "PS-" + f.zone;
        station(st, "STANDARD");

        post("/api/packing/stations/" + st + "/open", Map.of("code", tote, "packer", "paul"))
                .getString("status").equals("PICKED");
        assertEquals("WRONG_ITEM", post("/api/packing/stations/" + st + "/scan", Map.of("code", io.surgewms.barcode.Gtin.withCheckDigit("401100000009"), "packer", "paul")).getString("reason"));
        assertEquals("ACCEPTED", post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "paul")).getString("result"));
        // The same tote again (a retry whose answer was lost, the packer scanning it twice): the parcel in progress.
        JsonPath again = post("/api/packing/stations/" + st + "/open", Map.of("code", tote, "packer", "paul"));
        assertEquals(order, again.getLong("orderId"));
        assertEquals(List.of(1, 0), again.getList("lines.scanned"));
        assertEquals(1, f.count("select count(*) from pack_session where order_id = ?", order));
        // Another order is refused until this parcel is closed.
        given().contentType(ContentType.JSON).body(Map.of("code", "NOPE-1", "packer", "paul"))
                .post("/api/packing/stations/" + st + "/open").then().statusCode(409).body("detail", containsString("is packing order " + order));
        assertEquals("ACCEPTED", post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "paul")).getString("result"));
        assertEquals("OVER_PACK", post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "paul")).getString("reason"));
        JsonPath last = post("/api/packing/stations/" + st + "/scan", Map.of("code", "B", "packer", "paul"));
        assertEquals("MAILER-S", last.getString("pack.suggestedCarton"));
        assertEquals(List.of(2, 1), last.getList("pack.lines.scanned"));

        JsonPath closed = post("/api/packing/stations/" + st + "/close", Map.of("packer", "paul", "weightG", 420));
        long shipment = closed.getLong("shipmentId");
        assertEquals("PACKED", closed.getString("pack.status"));
        given().get("/api/orders/" + order).then().body("status", equalTo("PACKED"));
        String sscc = String.valueOf(f.count("select sscc::bigint from shipment where id = ?", shipment));
        assertTrue(Sscc.isValid(String.format("%018d", Long.parseLong(sscc))), "a valid SSCC-18");
        assertEquals(420, f.count("select weight_g from shipment where id = ?", shipment));
        String tracking = String.format("%011d", f.count("select substr(tracking_number, 3)::bigint from shipment where id = ? and tracking_number ~ '^SW[0-9]{11}$'", shipment));
        assertEquals(io.surgewms.barcode.Gtin.checkDigit(tracking.substring(0, 10)), tracking.charAt(10) - '0', "own-account tracking numbers carry a check digit");
        assertEquals(1, f.count("select count(*) from print_job where shipment_id = ? and status = 'HELD' and format = 'ZPL'", shipment),
                "a station without printer holds the label for download");
        given().get("/api/shipments/" + shipment + "/label?format=zpl").then().statusCode(200)
                .body(startsWith("^XA")).body(containsString("SW")).body(containsString("^FH^FDBuyer Bros Ltd^FS"));
        byte[] pdf = given().get("/api/shipments/" + shipment + "/label").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertEquals("%PDF", new String(pdf, 0, 4));
        byte[] png = given().get("/api/shipments/" + shipment + "/label?format=png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        java.awt.image.BufferedImage preview = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(812, preview.getWidth(), "4 in at 203 dpi");
        given().get("/api/shipments/" + shipment + "/label?format=gif").then().statusCode(400);
        byte[] slip = given().get("/api/packing/slips/" + order).then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(slip)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("Packing slip") && text.contains("pk-1") && text.contains("Item A") && text.contains("Ada Buyer\nBuyer Bros Ltd\n1 Main St"), text);
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/labels"));
            java.nio.file.Files.write(java.nio.file.Path.of("target/labels/packing-slip.pdf"), slip);
        }
        given().get("/api/packing/slips/987654321").then().statusCode(404);
        assertEquals(2, f.count("select count(*) from scan where device = ? and result = 'REJECTED'", "station:" + st));
        // The station is free for the next order.
        given().contentType(ContentType.JSON).body(Map.of("code", "NOPE-1", "packer", "paul"))
                .post("/api/packing/stations/" + st + "/open").then().statusCode(404);
    }

    @Test
    void shall_pick_and_verify_the_components_of_a_bundle_line() {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "401300000001"), b = f.skuWithGtin("B", "401300000002");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.receive("B", f.bin("PICK_FACE", 2), 10);
        f.bundle("DUO", "A", 2, "B", 1);
        f.tote(1);
        long order = given().contentType(ContentType.JSON).body(f.order("pk-bun", "DUO", 1)).post("/api/orders")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        plan(f);
        long task = claim(f, "pia").getLong("id");
        pickAll(f, "pia", task, Map.of("A", a, "B", b));
        String st = "PS-" + f.zone;
        station(st, "STANDARD");
        JsonPath open = post("/api/packing/stations/" + st + "/open", Map.of("code", String.valueOf(order), "packer", "paul"));
        assertEquals(List.of("A", "B"), open.getList("lines.sku"), "the packer verifies what is in the parcel: the components");
        assertEquals("WRONG_ITEM", post("/api/packing/stations/" + st + "/scan", Map.of("code", "DUO", "packer", "paul")).getString("reason"));
        assertEquals("ACCEPTED", post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "paul")).getString("result"));
        assertEquals("ACCEPTED", post("/api/packing/stations/" + st + "/scan", Map.of("code", b, "packer", "paul")).getString("result"));
        assertEquals("ACCEPTED", post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "paul")).getString("result"));
        assertEquals("OVER_PACK", post("/api/packing/stations/" + st + "/scan", Map.of("code", b, "packer", "paul")).getString("reason"));
        assertEquals("PACKED", post("/api/packing/stations/" + st + "/close", Map.of("packer", "paul")).getString("pack.status"));
        given().get("/api/orders/" + order).then().body("status", equalTo("PACKED")).body("lines[0].sku", equalTo("DUO"));
        assertEquals(3, f.count("select coalesce(sum(sl.quantity), 0) from shipment_line sl join shipment sh on sh.id = sl.shipment_id where sh.order_id = ?", order));
    }

    @Test
    void shall_ship_an_order_in_two_parcels_and_pack_it_with_the_last() {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "401200000001");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.tote(1);
        long order = given().contentType(ContentType.JSON).body(f.order("pk-2", "A", 2)).post("/api/orders")
                .then().extract().jsonPath().getLong("id");
        plan(f);
        long task = claim(f, "pete").getLong("id");
        pickAll(f, "pete", task, Map.of("A", a));
        String st = "PS-" + f.zone;
        station(st, "STANDARD");
        post("/api/packing/stations/" + st + "/open", Map.of("code", String.valueOf(order), "packer", "pat"));
        post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "pat"));
        JsonPath first = post("/api/packing/stations/" + st + "/close", Map.of("packer", "pat"));
        assertEquals("PICKED", first.getString("pack.status"));
        assertEquals(1, first.getInt("pack.parcels"));
        post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "pat"));
        JsonPath second = post("/api/packing/stations/" + st + "/close", Map.of("packer", "pat"));
        assertEquals("PACKED", second.getString("pack.status"));
        assertEquals(2, f.count("select count(*) from shipment where order_id = ?", order));
        assertEquals(2, f.count("select count(distinct tracking_number) from shipment where order_id = ?", order));

        // Handover to the carrier: the order ships, its units leave the books, the channel gets an event per parcel.
        String carrier = "UPS";
        JsonPath manifest = given().post("/api/shipping/handover/" + carrier).then().statusCode(200).extract().jsonPath();
        assertTrue(manifest.getInt("orders") >= 1);
        given().get("/api/orders/" + order).then().body("status", equalTo("SHIPPED"));
        assertEquals(8, f.onHand("A"), "10 received, 2 shipped");
        assertEquals(0, f.allocated("A"));
        assertEquals(2, f.count("select count(*) from outbox where topic = 'shipment.shipped' and (payload->>'orderId')::bigint = ?", order));
        assertEquals(2, f.count("select count(*) from shipment where order_id = ? and status = 'SHIPPED'", order));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
        given().post("/api/orders/" + order + "/cancel").then().statusCode(409);
    }

    @Test
    void shall_scan_and_ship_singles_and_never_give_two_stations_the_same_order() throws Exception {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "401300000001");
        f.receive("A", f.bin("PICK_FACE", 1), 20);
        f.tote(1);
        for (int i = 0; i < 6; i++) given().contentType(ContentType.JSON).body(f.order("sg-" + i, "A", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        long task = claim(f, "sid").getLong("id");
        pickAll(f, "sid", task, Map.of("A", a));
        String s1 = "S1-" + f.zone, s2 = "S2-" + f.zone;
        station(s1, "SINGLES");
        station(s2, "SINGLES");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<JsonPath>>> runs = new ArrayList<>();
        for (String st : List.of(s1, s2))
            runs.add(pool.submit((Callable<List<JsonPath>>) () -> {
                List<JsonPath> out = new ArrayList<>();
                for (int i = 0; i < 4; i++) out.add(post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", st)));
                return out;
            }));
        Set<Long> orders = new HashSet<>();
        int accepted = 0, nothingLeft = 0;
        for (Future<List<JsonPath>> r : runs)
            for (JsonPath j : r.get()) {
                if (j.getString("result").equals("ACCEPTED")) {
                    accepted++;
                    assertTrue(orders.add(j.getLong("pack.orderId")), "an order shipped twice");
                } else {
                    assertEquals("NO_ORDER_WAITS", j.getString("reason"));
                    nothingLeft++;
                }
            }
        pool.shutdown();
        assertEquals(6, accepted);
        given().contentType(ContentType.JSON).body(Map.of("code", "1", "packer", "x")).post("/api/packing/stations/" + s1 + "/open")
                .then().statusCode(409);
        given().get("/api/packing/stations/" + s1).then().statusCode(200).body("kind", equalTo("SINGLES")).body("defaultCarton", equalTo("MAILER-S"));
        assertEquals(2, nothingLeft);
        assertEquals(6, f.orders("PACKED"));
        assertEquals(6, f.count("select count(*) from print_job j join shipment s on s.id = j.shipment_id join orders o on o.id = s.order_id join shop sh on sh.id = o.shop_id where sh.code = ?", f.shop));
    }

    @Test
    void shall_ship_the_earliest_single_of_any_shop_selling_the_scanned_gtin() throws Exception {
        // Two shops of a 3PL sell the same GTIN as products of their own; the singles table serves both.
        Floor late = new Floor(), early = new Floor();
        String gtin = late.skuWithGtin("A", "401300000004");
        early.skuWithGtin("A", "401300000004");
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<Floor, Long> ids = new java.util.HashMap<>();
        for (Floor f : List.of(late, early)) {
            f.receive("A", f.bin("PICK_FACE", 1), 5);
            f.tote(1);
            Map<String, Object> body = f.order("gt-1", "A", 1);
            body.put("shipBy", now.plus(java.time.Duration.ofHours(f == late ? 9 : 5)).toString());
            ids.put(f, given().contentType(ContentType.JSON).body(body).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id"));
            plan(f);
            long task = claim(f, "gtp").getLong("id");
            pickAll(f, "gtp", task, Map.of("A", gtin));
        }
        String st = "SG-" + late.zone;
        station(st, "SINGLES");
        assertEquals(List.of(ids.get(early), ids.get(late)), shipSingles(st, gtin, 2));
        assertEquals("NO_ORDER_WAITS", post("/api/packing/stations/" + st + "/scan", Map.of("code", gtin, "packer", "dana")).getString("reason"));
    }

    @Test
    void shall_ship_singles_by_deadline_as_cutoffs_move_and_never_ship_one_cancelled_at_the_table() throws Exception {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "401300000002");
        f.receive("A", f.bin("PICK_FACE", 1), 20);
        f.tote(1);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String cut = "CUT" + f.zone;
        Map<String, Long> ids = new java.util.HashMap<>();
        for (Object[] o : new Object[][]{{"gone", 4, "UPS"}, {"early", 6, "UPS"}, {"late-cut", 10, cut}, {"latest", 12, "UPS"}}) {
            Map<String, Object> body = f.order("dl-" + o[0], "A", 1);
            body.put("shipBy", now.plus(java.time.Duration.ofHours((Integer) o[1])).toString());
            body.put("carrier", o[2]);
            ids.put((String) o[0], given().contentType(ContentType.JSON).body(body).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        plan(f);
        long task = claim(f, "dlp").getLong("id");
        pickAll(f, "dlp", task, Map.of("A", a));
        assertEquals(4, f.orders("PICKED"));
        given().post("/api/orders/" + ids.get("gone") + "/cancel").then().statusCode(200);
        // While it waits at the table, its carrier's last pickup (an hour from now) moves the 10-hour order ahead of the 6-hour one.
        String pickup = now.plus(java.time.Duration.ofHours(1)).atZone(java.time.ZoneOffset.UTC).toLocalTime().toString();
        given().contentType(ContentType.JSON).body(Map.of("cutoff", pickup)).put("/api/picking/cutoffs/" + cut).then().statusCode(200);
        try {
            String st = "SD-" + f.zone;
            station(st, "SINGLES");
            List<Long> shipped = shipSingles(st, a, 3);
            assertEquals(List.of(ids.get("late-cut"), ids.get("early"), ids.get("latest")), shipped);
            // The own-account tracking serial is drawn by the claim itself: each parcel has its own, with its check digit.
            Set<String> tracking = new HashSet<>();
            for (long o : shipped) {
                String t = f.text("select tracking_number from shipment where order_id = ?", o);
                assertTrue(t.matches("[A-Z]+\\d{11}"), t);
                String digits = t.substring(t.length() - 11, t.length() - 1);
                assertEquals(io.surgewms.barcode.Gtin.checkDigit(digits), t.charAt(t.length() - 1) - '0', t);
                tracking.add(t);
            }
            assertEquals(3, tracking.size());
            assertEquals("NO_ORDER_WAITS", post("/api/packing/stations/" + st + "/scan", Map.of("code", a, "packer", "dana")).getString("reason"));
            assertEquals("CANCELLED", f.text("select status from orders where id = ?", ids.get("gone")));
            assertEquals(0, f.count("select count(*) from shipment where order_id = ?", ids.get("gone")));
            assertEquals(0, f.count("select count(*) from singles_waiting q join orders o on o.id = q.order_id join shop s on s.id = o.shop_id where s.code = ?", f.shop));
        } finally {
            given().delete("/api/picking/cutoffs/" + cut).then().statusCode(204);
        }
    }
}
