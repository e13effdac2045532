package io.surgewms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.bench.ship.Service;
import io.surgewms.bench.spike.Api;
import io.surgewms.bench.spike.ChannelMarket;
import io.surgewms.bench.spike.MarketCheck;
import io.surgewms.bench.spike.Pickers;
import io.surgewms.bench.spike.ServiceScans;
import io.surgewms.bench.spike.SpikeDb;
import io.surgewms.bench.spike.Stations;
import io.surgewms.bench.spike.TikTokBuyers;
import io.surgewms.bench.spike.Webhooks;
import io.surgewms.devices.printer.FakeZebra;
import io.surgewms.devices.serial.Pty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spike drill (issue 9): a viral spike of Shopify webhooks while ≥ 50 floor sessions pick, pack and print; the
 * service is killed with SIGKILL part-way and started again; then the database and the printers are checked.
 * Issue 19: the viral SKUs are a limited stock sold on Shopify and TikTok Shop at once, each channel selling only
 * what Surge last pushed to it ({@link ChannelMarket}); the drill measures what they oversold and how fast levels went out.
 * Run by bench/spike.sh, which builds and makes the database; this class starts (and restarts) the service itself.
 */
public final class SpikeDrill {
    static final String ADMIN_KEY = io.surgewms.testsupport.SignedIn.ADMIN_KEY;
    static final Pattern TRACKING = Pattern.compile("\\^BC[^\\^]*\\^FH\\^FD([^\\^]+)\\^FS");

    final int port = Integer.parseInt(env("SURGE_BENCH_PORT", "8095"));
    final String dbUrl = env("SURGE_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/surge_bench_spike");
    final double minutes = Double.parseDouble(env("BENCH_MINUTES", "5"));
    final int orders = Integer.parseInt(env("BENCH_ORDERS", "30000"));
    final double drainMinutes = Double.parseDouble(env("BENCH_DRAIN_MINUTES", String.valueOf(Math.max(2, minutes * 3))));
    final Path out = Path.of(env("BENCH_OUT", "bench/out"));
    final URI base = URI.create("http://127.0.0.1:" + port);
    final SpikeDb spikeDb = new SpikeDb(dbUrl);
    final Api api = new Api(base, ADMIN_KEY);
    volatile boolean up;
    long killNanos = Long.MAX_VALUE, backNanos = Long.MAX_VALUE, startNanos, startMillis, killMillis, backMillis;
    Service service;

    public static void main(String[] args) throws Exception {
        int code = new SpikeDrill().run();
        System.exit(code);
    }

    static String env(String k, String d) { return System.getenv().getOrDefault(k, d); }

    // ---- the service ---------------------------------------------------------------------------------------------------

    void startService() throws Exception {
        if (service == null) {
            // channel secrets are sealed at rest: a prod-mode service takes no channel account without a key
            Map<String, String> e = Map.of("SURGE_DB_URL", dbUrl, "SURGE_HTTP_PORT", String.valueOf(port), "SURGE_DEMO", "true",
                    "SURGE_ADMIN_PASSWORD", "bench-admin-password", "SURGE_ADMIN_KEY", ADMIN_KEY,
                    "SURGE_SHIPPING_KEY", env("SURGE_SHIPPING_KEY", "YmVuY2gtb25seS1zaGlwcGluZy1rZXktMzItYnl0ZXM="));
            // As docker/Dockerfile runs it on a small box: C1 only (on 2 cores C2's compiling after each start took 20-33% of a
            // core) and a floor under the heap, so G1 cannot shrink it to ~70 MB (it then collected every 1.6 s, and a scan
            // met a pause 1 time in 100; the image sets the floor as InitialRAMPercentage)
            service = new Service(api, e, out, "spike", env("BENCH_SERVICE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xms512m"));
        }
        double took = service.start();
        System.out.printf(Locale.ROOT, "service up (pid %d) in %.1f s%n", service.pid(), took);
    }

    // ---- setup ---------------------------------------------------------------------------------------------------------

    Map<String, String> gtins = new HashMap<>();
    final List<FakeZebra> printers = new ArrayList<>();
    final List<Pty> ptys = new ArrayList<>();
    final List<String> singlesStations = new ArrayList<>(), standardStations = new ArrayList<>();
    final Map<String, Integer> viralStock = new LinkedHashMap<>();
    ChannelMarket channels;
    /** TikTok's share of the spike: a quarter as many orders as Shopify's, all single units of the limited SKUs. */
    final int tiktokOrders = orders / 4;
    /** The safety buffer on every listing of the limited SKUs (BENCH_CHANNEL_BUFFER, 0: each channel is told the whole ATP). */
    final int channelBuffer = Integer.parseInt(env("BENCH_CHANNEL_BUFFER", "0"));

    void setup(int singlesN, int standardN) throws Exception {
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
                "select p.sku, min(b.barcode) from product p join product_barcode b on b.product_id = p.id group by p.sku")) {
            while (rs.next()) gtins.put(rs.getString(1), rs.getString(2));
        }
        if (gtins.size() < 500) throw new IllegalStateException("the demo catalogue is missing (" + gtins.size() + " barcodes)");
        channels = new ChannelMarket();
        channels.accounts(api, Webhooks.SECRET);
        // Stock: the viral three short of the two channels' demand (70%, 70%, 40%: GLOW-0003 sells out before the others,
        // all after the kill), so the channels must stop when Surge's levels say 0; every other SKU topped up in its pick face.
        double demand = orders * 0.72 + tiktokOrders; // Shopify: 90% glow, 4 in 5 of those viral singles; TikTok: all
        double[] part = {0.7, 0.7, 0.4};
        for (int v = 0; v < 3; v++)
            viralStock.put(ChannelMarket.LIMITED.get(v), (int) (demand * ChannelMarket.SHARE[v] / 100.0 * part[v]));
        int perSku = Math.max(30, orders / 400);
        for (String shop : List.of("glow", "kicks")) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                boolean glow = i < 300;
                if (glow != shop.equals("glow")) continue;
                String sku = glow ? "GLOW-%04d".formatted(i + 1) : "KICK-%04d".formatted(i - 299);
                // the limited SKUs are received up to their target over what the demo already holds of them
                int qty = viralStock.containsKey(sku) ? viralStock.get(sku) - spikeDb.atp(sku) : perSku;
                if (qty > 0) lines.add(Map.of("sku", sku, "location", "A-%02d-%02d-1".formatted(1 + i / 25, 1 + i % 25), "quantity", qty));
            }
            api.must("POST", "/api/inventory/receipts", Map.of("shop", shop, "reference", "SPIKE-PO-" + shop, "lines", lines));
        }
        channels.listings(api, channelBuffer);
        // Totes for a spike: the demo's 200 ran out at a person's pace (a cart's totes are out for minutes) and the waves
        // stopped with pickers idle; a site expecting a viral spike has its totes ready.
        for (int t = 1; t <= 400; t++)
            api.must("POST", "/api/locations", Map.of("code", "SPK-TOTE-%04d".formatted(t), "kind", "TOTE", "zone", "TOTES"));
        ObjectNode policy = (ObjectNode) api.must("GET", "/api/picking/policy", null);
        policy.put("autoRelease", true);
        api.must("PUT", "/api/picking/policy", policy);
        for (int s = 1; s <= singlesN + standardN; s++) {
            boolean single = s <= singlesN;
            String station = (single ? "SPK-S-" : "SPK-P-") + s;
            api.must("POST", "/api/packing/stations", Map.of("code", station, "kind", single ? "SINGLES" : "STANDARD",
                    "defaultCarton", single ? "MAILER-S" : "BOX-S"));
            FakeZebra z = FakeZebra.start();
            printers.add(z);
            api.must("PUT", "/api/devices/" + station + "-PRINTER", Map.of("kind", "PRINTER", "connection", "TCP", "host", z.host(),
                    "tcpPort", z.port(), "station", station));
            if (single) {
                Pty pty = new Pty();
                ptys.add(pty);
                api.must("PUT", "/api/devices/" + station + "-SCANNER", Map.of("kind", "SCANNER", "connection", "SERIAL", "port", pty.device(),
                        "options", Map.of("suffix", "CR"), "station", station));
                singlesStations.add(station);
            } else standardStations.add(station);
        }
        awaitScannersOnline();
    }

    void awaitScannersOnline() throws InterruptedException {
        for (String st : singlesStations) {
            for (int i = 0; i < 400; i++) {
                JsonNode d = api.retry("GET", "/api/devices/" + st + "-SCANNER", null).body();
                if ("ONLINE".equals(d.path("status").path("state").asText())) break;
                Thread.sleep(50);
            }
        }
    }

    Connection db() throws Exception {
        return spikeDb.connect();
    }

    // ---- the drill -----------------------------------------------------------------------------------------------------

    int run() throws Exception {
        Files.createDirectories(out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { try { if (service != null) service.stop(); } catch (InterruptedException ignored) { } }));
        double seconds = minutes * 60;
        System.out.printf(Locale.ROOT, "spike drill: %d orders over %.1f min, %d cores, load %.2f%n", orders, minutes,
                Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        startService();
        up = true;
        // 12 standard stations: at a person's pace 4 could not empty the cluster totes fast enough; every tote waited at a
        // station, the waves stopped ("No free tote") and two thirds of the pickers stood idle.
        int singlesN = 8, standardN = 12, pickersN = 30, replenishersN = 4;
        setup(singlesN, standardN);

        BlockingQueue<String> singlesQ = new LinkedBlockingQueue<>(), totesQ = new LinkedBlockingQueue<>();
        Pickers floor = new Pickers(api, gtins, singlesQ, totesQ, Integer.parseInt(env("BENCH_THINK_MS", "1000")));
        Stations stations = new Stations(api, gtins, () -> up, Integer.parseInt(env("BENCH_PACK_MS", "1000")));
        List<Thread> sessions = new ArrayList<>();
        for (int i = 1; i <= pickersN; i++) sessions.add(floor.picker("spike-picker-" + i));
        for (int i = 1; i <= replenishersN; i++) sessions.add(floor.replenisher("spike-repl-" + i));
        sessions.add(floor.releaser(5000));
        sessions.add(floor.dock(10000));
        for (int i = 0; i < singlesN; i++) sessions.add(stations.singles(singlesStations.get(i), ptys.get(i), singlesQ));
        for (String st : standardStations) sessions.add(stations.standard(st, totesQ));
        System.out.printf("floor: %d sessions (%d pickers, %d replenishers, 1 wave releaser, 1 dock, %d singles stations on PTY scanners, %d standard stations), %d printers%n",
                sessions.size(), pickersN, replenishersN, singlesN, standardN, printers.size());
        sessions.forEach(Thread::start);

        // label arrival watch: when the last label came
        AtomicLong lastLabel = new AtomicLong();
        int[] labelCount = {0};
        Thread watch = new Thread(() -> {
            while (true) {
                int n = printers.stream().mapToInt(p -> p.labels().size()).sum();
                if (n != labelCount[0]) { labelCount[0] = n; lastLabel.set(System.nanoTime()); }
                try { Thread.sleep(250); } catch (InterruptedException e) { return; }
            }
        }, "label-watch");
        watch.setDaemon(true);
        watch.start();

        channels.awaitLevels(120_000);
        Webhooks hooks = new Webhooks(base, orders, seconds, channels.market, channels.shopifyListings());
        TikTokBuyers buyers = channels.buyers(base, tiktokOrders, seconds);
        System.out.println("webhooks: Shopify " + hooks.rates() + ", TikTok " + buyers.rates() + "; limited stock " + viralStock);
        long t0 = System.nanoTime();
        startNanos = t0;
        startMillis = System.currentTimeMillis();
        // t=0 on the wall clock, to line the slowest scans up with the service's, the GC's and PostgreSQL's logs
        System.out.println("t=0 at " + java.time.Instant.now());
        List<Thread> senders = hooks.start(48);
        senders.addAll(buyers.start(16));
        double killAt = 0.4 * seconds;
        boolean killed = false;
        double downSeconds = 0;
        long lastPrint = 0;
        killNanos = Long.MAX_VALUE;
        backNanos = Long.MAX_VALUE;
        while (senders.stream().anyMatch(Thread::isAlive)) {
            double el = (System.nanoTime() - t0) / 1e9;
            if (!killed && el >= killAt) {
                killed = true;
                killNanos = System.nanoTime();
                killMillis = System.currentTimeMillis();
                System.out.printf(Locale.ROOT, "t=%.0fs kill -9 the service (pid %d)%n", el, service.pid());
                up = false;
                service.kill(); // SIGKILL
                long d = System.nanoTime();
                startService();
                awaitScannersOnline();
                up = true;
                backNanos = System.nanoTime();
                backMillis = System.currentTimeMillis();
                downSeconds = (backNanos - d) / 1e9;
                System.out.printf(Locale.ROOT, "t=%.0fs back after %.1f s; sessions reconnect%n", (System.nanoTime() - t0) / 1e9, downSeconds);
            }
            if (System.nanoTime() - lastPrint > 10e9) {
                lastPrint = System.nanoTime();
                progress(el, hooks, floor, stations, labelCount[0], singlesQ, totesQ);
            }
            Thread.sleep(200);
        }
        hooks.shutdown();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "t=%.0fs intake done: %d orders sent, %d accepted; draining the floor (up to %.1f min)%n",
                loadSeconds, hooks.sent.get(), hooks.accepted.size(), drainMinutes);

        long drainEnd = System.nanoTime() + (long) (drainMinutes * 60e9);
        long quietSince = System.nanoTime();
        int lastLabels = -1;
        while (System.nanoTime() < drainEnd) {
            Thread.sleep(1000);
            double el = (System.nanoTime() - t0) / 1e9;
            if (System.nanoTime() - lastPrint > 10e9) {
                lastPrint = System.nanoTime();
                progress(el, hooks, floor, stations, labelCount[0], singlesQ, totesQ);
            }
            if (labelCount[0] != lastLabels || !singlesQ.isEmpty() || !totesQ.isEmpty() || spikeDb.openWork() > 0) {
                lastLabels = labelCount[0];
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 20e9) break;
        }
        floor.stop = true;
        stations.stop = true;
        api.stop = true;
        double wall = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(3000); // labels in flight land
        return report(hooks, buyers, floor, stations, lastLabel.get(), wall, downSeconds, singlesQ, totesQ);
    }

    void progress(double el, Webhooks h, Pickers f, Stations s, int labels, BlockingQueue<String> sq, BlockingQueue<String> tq) {
        System.out.printf(Locale.ROOT, "t=%4.0fs sent=%d accepted=%d retries=%d | waves=%d tasks=%d scans=%d | singles shipped=%d queue=%d | parcels=%d totes=%d | labels=%d%n",
                el, h.sent.get(), h.accepted.size(), h.retries.get(), f.waves.get(), f.tasksDone.get(), f.scans.get(),
                s.singlesShipped.get(), sq.size(), s.parcels.get(), tq.size(), labels);
    }

    // ---- the checks ----------------------------------------------------------------------------------------------------

    int report(Webhooks hooks, TikTokBuyers buyers, Pickers floor, Stations st, long lastLabelNanos, double wall, double down,
               BlockingQueue<String> sq, BlockingQueue<String> tq) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        long labels = 0, unreadable = 0;
        for (FakeZebra z : printers) {
            for (byte[] label : z.labels()) {
                labels++;
                Matcher m = TRACKING.matcher(new String(label, StandardCharsets.ISO_8859_1));
                if (m.find()) seen.merge(m.group(1), 1, Integer::sum); else unreadable++;
            }
        }
        long duplicateLabels = seen.values().stream().mapToLong(n -> n - 1).sum();
        Set<String> inDb = new HashSet<>();
        long dupOrders, oversold, parcels, missing = 0, spikeParcels = 0;
        Map<String, Long> status = new LinkedHashMap<>(), jobs = new LinkedHashMap<>();
        long replOpen, shipped;
        List<String> dupInfo = new ArrayList<>();
        try (Connection c = db()) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select o.channel || ':' || s.code || ':' || o.external_id from orders o join shop s on s.id = o.shop_id where o.channel in ('shopify','tiktok')")) {
                while (rs.next()) inDb.add(rs.getString(1));
            }
            dupOrders = SpikeDb.scalar(c, "select count(*) - count(distinct (shop_id, channel, external_id)) from orders");
            oversold = SpikeDb.scalar(c, "select coalesce(sum(allocated - on_hand), 0) from stock where allocated > on_hand")
                    + SpikeDb.scalar(c, "select coalesce(sum(-on_hand), 0) from stock where on_hand < 0");
            parcels = SpikeDb.scalar(c, "select count(*) from shipment where status in ('PACKED','SHIPPED')");
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select tracking_number, station like 'SPK-%' from shipment where status in ('PACKED','SHIPPED')")) {
                while (rs.next()) {
                    if (!rs.getBoolean(2)) continue; // the demo's own stations have no printer: labels held for download
                    spikeParcels++;
                    if (!seen.containsKey(rs.getString(1))) missing++;
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select channel || ' ' || status, count(*) from orders where channel in ('shopify','tiktok') group by 1 order by 1")) {
                while (rs.next()) status.put(rs.getString(1), rs.getLong(2));
            }
            try (ResultSet rs = c.createStatement().executeQuery("select status, count(*) from print_job group by status order by status")) {
                while (rs.next()) jobs.put(rs.getString(1), rs.getLong(2));
            }
            for (var e : seen.entrySet()) {
                if (e.getValue() < 2 || dupInfo.size() >= 5) continue;
                try (var ps = c.prepareStatement("""
                        select string_agg(j.id || ' ' || j.status || ' attempts=' || j.attempts || ' created=' || to_char(j.created_at, 'HH24:MI:SS.MS')
                               || ' sent=' || coalesce(to_char(j.sent_at, 'HH24:MI:SS.MS'), '-') || ' ' || coalesce(j.last_outcome, ''), '; ')
                          from print_job j join shipment s on s.id = j.shipment_id where s.tracking_number = ?""")) {
                    ps.setString(1, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) { rs.next(); dupInfo.add(e.getKey() + " x" + e.getValue() + ": " + rs.getString(1)); }
                }
            }
            replOpen = SpikeDb.scalar(c, "select count(*) from replenishment_task where status not in ('DONE','CANCELLED')");
            shipped = SpikeDb.scalar(c, "select count(*) from orders where channel = 'shopify' and status = 'SHIPPED'");
        }
        long lost = hooks.accepted.stream().filter(id -> !inDb.contains("shopify:" + id)).count()
                + buyers.accepted.stream().filter(id -> !inDb.contains("tiktok:" + id)).count();
        MarketCheck.Result market;
        try (Connection c = db()) {
            market = new MarketCheck(channels.market, Map.of("shopify", channelBuffer, "tiktok", channelBuffer)).check(c, "glow", ChannelMarket.LIMITED, startMillis, System.currentTimeMillis(),
                    killMillis == 0 ? Long.MAX_VALUE : killMillis, backMillis == 0 ? Long.MAX_VALUE : backMillis);
        }
        double intakeP99 = hooks.latency.pct(99), scanP99 = st.scanLatency.pct(99);
        long lastAccept = Math.max(hooks.lastAcceptNanos.get(), buyers.lastAcceptNanos.get());
        double clear = lastLabelNanos == 0 ? Double.NaN : Math.max(0, (lastLabelNanos - lastAccept) / 60e9);

        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|--:|");
        row("wall clock (s)", String.format(Locale.ROOT, "%.0f", wall));
        row("service down after kill -9 (s)", String.format(Locale.ROOT, "%.1f", down));
        row("webhooks: orders / calls / duplicated / replayed / retried", "%d / %d / %d / %d / %d".formatted(hooks.sent.get(), hooks.calls.get(),
                hooks.duplicates.get(), hooks.replays.get(), hooks.retries.get()));
        row("webhook answers: CREATED / EXISTING / other / 4xx", "%d / %d / %d / %d".formatted(hooks.created.get(), hooks.existing.get(), hooks.other.get(), hooks.refused.get()));
        row("accepted orders (distinct): Shopify + TikTok", "%d + %d".formatted(hooks.accepted.size(), buyers.accepted.size()));
        row("Shopify buyers turned away (viral listing sold out on Shopify)", String.valueOf(hooks.soldOut.get()));
        row("intake p50 / p99 ms", String.format(Locale.ROOT, "%.1f / %.1f", hooks.latency.pct(50), intakeP99));
        row("spike orders by channel and status", status.toString());
        row("waves released by the releaser / pick tasks done / pick scans (rejected)", "%d / %d / %d (%d)".formatted(floor.waves.get(),
                floor.tasksDone.get(), floor.scans.get(), floor.rejected.get()));
        row("replenishments done / open", "%d / %d".formatted(floor.replenished.get(), replOpen));
        row("singles: shipped by PTY scan / refused / timed out", "%d / %d / %d".formatted(st.singlesShipped.get(), st.singlesRefused.get(), st.timeouts.get()));
        row("scan p50 / p99 / count (PTY → SSE answer)", String.format(Locale.ROOT, "%.1f / %.1f / %d", st.scanLatency.pct(50), scanP99, st.scanLatency.count()));
        row("handheld pick scans p50 / p99 / count (call → answer)", String.format(Locale.ROOT, "%.1f / %.1f / %d",
                floor.scanLatency.pct(50), floor.scanLatency.pct(99), floor.scanLatency.count()));
        row("the service's part of those scans p50 / p99 (last byte read → answer published, from each answer)",
                String.format(Locale.ROOT, "%.1f / %.1f", st.serverPart.pct(50), st.serverPart.pct(99)));
        row("outside the service p50 / p99: PTY write → last byte read; answer published → station reads it", String.format(Locale.ROOT,
                "%.1f / %.1f; %.1f / %.1f", st.inLag.pct(50), st.inLag.pct(99), st.outLag.pct(50), st.outLag.pct(99)));
        row("scan p50 / p99 ms before the kill", st.phase(0, killNanos));
        row("scan p50 / p99 ms in the first minute after the restart (cold JVM)", st.phase(killNanos, backNanos + 60_000_000_000L));
        row("scan p50 / p99 ms after that", st.phase(backNanos + 60_000_000_000L, Long.MAX_VALUE));
        row("the 15 slowest scans: written at (after the restart) total/service ms", st.slowest(15, startNanos, backNanos));
        row("the service's own serial scan timing since the restart (last byte → answer)", ServiceScans.quantiles(base));
        row("standard parcels / pack rejects / totes refused at open", "%d / %d / %d".formatted(st.parcels.get(), st.packRejects.get(), st.totesRefused.get()));
        row("left on the floor: singles units / totes", "%d / %d".formatted(sq.size(), tq.size()));
        row("parcels in the DB (all / at spike stations)", "%d / %d".formatted(parcels, spikeParcels));
        long open = status.entrySet().stream().filter(e -> e.getKey().matches("\\w+ (ALLOCATED|RELEASED|PICKING|PICKED)"))
                .mapToLong(Map.Entry::getValue).sum();
        row("spike orders still to pack at the end (not backordered)", open + (open > 0 ? " — the floor did not clear: clear_minutes is a lower bound (the drain's cap)" : ""));
        row("labels received / unreadable", "%d / %d".formatted(labels, unreadable));
        row("print jobs by status", jobs.toString());
        row("handovers (truck loads)", String.valueOf(floor.handovers.get()));
        row("tracking back to Shopify: orders fulfilled / shipped / fulfilled twice", "%d / %d / %d".formatted(channels.shopify.fulfilled.size(),
                shipped, channels.shopify.secondFulfilments.get()));
        for (String[] r : channels.rows(buyers, market)) row(r[0], r[1]);
        row("client connection errors / 5xx (floor)", "%d / %d".formatted(api.connectionErrors.get(), api.serverErrors.get()));
        for (String d : dupInfo) System.out.println("duplicate label " + d);
        System.out.printf(Locale.ROOT, "machine: %d cores, load %.2f at the end%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println();
        System.out.printf(Locale.ROOT, "RESULT spike_orders=%d lost=%d oversold=%d duplicate_orders=%d duplicate_labels=%d missing_labels=%d intake_p99_ms=%.1f scan_p99_ms=%.1f clear_minutes=%.1f channel_oversell_units=%d sync_p99_ms=%.0f%n",
                hooks.accepted.size() + buyers.accepted.size(), lost, oversold, dupOrders, duplicateLabels, missing, intakeP99, scanP99, clear, market.overUnits(), market.syncP99());
        for (Pty p : ptys) try { p.close(); } catch (Exception ignored) { }
        for (FakeZebra z : printers) try { z.close(); } catch (Exception ignored) { }
        channels.close();
        return 0;
    }

    static void row(String k, String v) { System.out.println("| " + k + " | " + v + " |"); }
}
