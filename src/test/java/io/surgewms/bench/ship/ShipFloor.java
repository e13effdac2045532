package io.surgewms.bench.ship;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.LocationCode;
import io.surgewms.bench.spike.Api;
import io.surgewms.devices.printer.FakeZebra;
import io.surgewms.shipping.easypost.FakeEasyPost;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor of the drill, all through the API: a shop of its own with an EasyPost account, two hot SKUs in pick
 * faces, singles stations with loopback printers; orders in batches, waves, and a picker who takes the bulk tasks
 * (bin, item, quantity keyed, tote) as the handheld does. No demo data: only this shop's orders want labels.
 */
public final class ShipFloor {
    public static final String SHOP = "shipb", ZONE = "S";
    public final Api api;
    /** SKU → its GTIN-13. */
    public final Map<String, String> gtins = new LinkedHashMap<>();
    public final Map<String, String> bins = new HashMap<>();
    public final List<String> stations = new ArrayList<>();
    public final List<FakeZebra> printers = new ArrayList<>();
    public final AtomicInteger ordersSent = new AtomicInteger(), pickScans = new AtomicInteger(), pickRejects = new AtomicInteger();
    private final Instant shipByBase = Instant.now().plus(Duration.ofHours(20)).truncatedTo(ChronoUnit.SECONDS);
    private int next;

    public ShipFloor(Api api) { this.api = api; }

    public void setup(int skus, int units, String easypostUrl) throws Exception {
        api.must("POST", "/api/shops", Map.of("code", SHOP, "name", "Ship bench"));
        api.must("POST", "/api/layouts", Map.of("zone", ZONE, "aisles", 2, "bays", 5, "levels", 2, "bayWidthM", 1.0,
                "aislePitchM", 3.0, "crossAisleM", 2.0, "pickFaceLevels", 1));
        for (int i = 1; i <= skus; i++) {
            String sku = "HOT-" + i, gtin = Gtin.withCheckDigit("20180000000" + i);
            gtins.put(sku, gtin);
            api.must("POST", "/api/products", Map.of("shop", SHOP, "sku", sku, "name", "Viral serum " + i, "barcodes", List.of(gtin),
                    "weightG", 180, "lengthMm", 120, "widthMm", 40, "heightMm", 40));
            String bin = LocationCode.format(ZONE, 1, i, 1);
            bins.put(sku, bin);
            api.must("POST", "/api/inventory/receipts", Map.of("shop", SHOP, "reference", "SHIP-PO-" + i,
                    "lines", List.of(Map.of("sku", sku, "location", bin, "quantity", units))));
        }
        // a bulk task takes a tote until the dock frees it: enough for every task of the run
        for (int t = 1; t <= 150; t++) api.must("POST", "/api/locations", Map.of("code", "SHP-TOTE-%03d".formatted(t), "kind", "TOTE", "zone", "TOTES"));
        api.must("POST", "/api/shipping/accounts", Map.of("shop", SHOP, "provider", "easypost", "name", "us-main", "baseUrl", easypostUrl,
                "credentials", Map.of("apiKey", FakeEasyPost.API_KEY)));
        for (int s = 1; s <= skus; s++) {
            String code = "SHP-S-" + s;
            api.must("POST", "/api/packing/stations", Map.of("code", code, "kind", "SINGLES", "defaultCarton", "MAILER-S"));
            FakeZebra z = FakeZebra.start();
            printers.add(z);
            api.must("PUT", "/api/devices/" + code + "-PRINTER", Map.of("kind", "PRINTER", "connection", "TCP", "host", z.host(),
                    "tcpPort", z.port(), "station", code));
            stations.add(code);
        }
    }

    /** n single-unit orders, SKUs in turn, each due a second after the one before (so packing and buying go in one order). */
    public void orders(int n, String prefix) throws InterruptedException {
        List<String> skus = new ArrayList<>(gtins.keySet());
        for (int done = 0; done < n; ) {
            int size = Math.min(1000, n - done);
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < size; i++, next++) {
                batch.add(Map.of("shop", SHOP, "channel", "api", "externalId", prefix + "-" + next,
                        "shipBy", shipByBase.plusSeconds(next).toString(), "carrier", "USPS", "service", "GroundAdvantage",
                        "shipTo", Map.of("name", "Ada Buyer " + next, "line1", (100 + next % 900) + " Congress Ave", "city", "Austin",
                                "region", "TX", "postalCode", "78701", "country", "US"),
                        "lines", List.of(Map.of("sku", skus.get(next % skus.size()), "quantity", 1))));
            }
            JsonNode r = api.must("POST", "/api/orders/batch", Map.of("orders", batch));
            if (r.path("rejected").asInt() > 0) throw new IllegalStateException("orders rejected: " + r.path("results").get(0));
            done += size;
            ordersSent.addAndGet(size);
        }
    }

    /** Plans and releases waves until no allocated order waits; answers how many. */
    public int waves() throws InterruptedException {
        int n = 0;
        while (true) {
            Api.Res r = api.retry("POST", "/api/waves", Map.of("shop", SHOP, "release", true));
            if (r == null || r.status() != 201) return n;
            n++;
        }
    }

    /** One picker takes every open task of the zone: answers the tasks done. */
    public int pickAll(String picker) throws InterruptedException {
        int tasks = 0;
        while (true) {
            Api.Res claim = api.retry("POST", "/api/picking/claim", Map.of("picker", picker, "zone", ZONE));
            if (claim == null || claim.status() != 200) return tasks;
            pick(picker, claim.body().path("id").asLong());
            tasks++;
        }
    }

    /** As the handheld: bin, item, the quantity keyed, tote; each answer carries the task as it stands. */
    private void pick(String picker, long task) throws InterruptedException {
        JsonNode t = null;
        for (int strikes = 0; strikes <= 5; ) {
            if (t == null) {
                Api.Res r = api.retry("GET", "/api/picking/tasks/" + task, null);
                if (r == null || !r.ok()) return;
                t = r.body();
            }
            String expect = t.path("expect").asText();
            if (expect.equals("DONE") || t.path("status").asText().equals("CANCELLED")) return;
            JsonNode stop = t.path("next");
            String code = switch (expect) {
                case "LOCATION" -> stop.path("location").asText();
                case "ITEM" -> stop.path("picked").asInt() == 0 ? gtins.get(stop.path("sku").asText()) : String.valueOf(stop.path("quantity").asInt());
                default -> stop.path("tote").asText();
            };
            Api.Res a = api.retry("POST", "/api/scans", Map.of("picker", picker, "taskId", task, "code", code));
            if (a == null) return;
            pickScans.incrementAndGet();
            t = a.body().path("task").isObject() ? a.body().path("task") : null;
            if (!"ACCEPTED".equals(a.text("result"))) {
                pickRejects.incrementAndGet();
                strikes++;
                if (pickRejects.get() <= 3) System.err.println("pick " + code + " refused: " + a.body());
            }
        }
    }
}
