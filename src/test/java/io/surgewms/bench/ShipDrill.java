package io.surgewms.bench;

import io.surgewms.bench.ship.BreakerWatch;
import io.surgewms.bench.ship.Churn;
import io.surgewms.bench.ship.PdfRate;
import io.surgewms.bench.ship.Service;
import io.surgewms.bench.ship.ShipChecks;
import io.surgewms.bench.ship.ShipFloor;
import io.surgewms.bench.ship.ShipStations;
import io.surgewms.bench.ship.SlowEasyPost;
import io.surgewms.bench.spike.Api;
import io.surgewms.bench.spike.Latencies;
import io.surgewms.devices.printer.FakeZebra;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labels bought ahead under a slow, flaky carrier (issue 18): EasyPost answers every call after 800 ms and fails 5 %
 * of them; the service's own planner and buyer buy the labels of picked single-unit orders; singles stations scan at
 * machine pace for two minutes with the service killed (SIGKILL) and started again in the middle, while new orders
 * come in and some are cancelled. Then a drain, and the database, the fake carrier and the printers are checked.
 * Run by bench/ship.sh, which builds and makes the database.
 */
public final class ShipDrill {
    static final String ADMIN_KEY = io.surgewms.testsupport.SignedIn.ADMIN_KEY;

    final int port = Integer.parseInt(env("SURGE_BENCH_PORT", "8097"));
    final String dbUrl = env("SURGE_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/surge_bench_ship");
    final double minutes = Double.parseDouble(env("BENCH_MINUTES", "2"));
    final int orders = Integer.parseInt(env("BENCH_ORDERS", "2400"));
    final double prepMinutes = Double.parseDouble(env("BENCH_PREP_MINUTES", "15"));
    final double drainMinutes = Double.parseDouble(env("BENCH_DRAIN_MINUTES", "6"));
    final Path out = Path.of(env("BENCH_OUT", "bench/out"));
    final Api api = new Api(URI.create("http://127.0.0.1:" + port), ADMIN_KEY);
    volatile boolean up;

    public static void main(String[] args) throws Exception {
        System.exit(new ShipDrill().run());
    }

    /** New orders a second during the scan, and how long after they came they are released and picked. */
    static final int FLOW_PER_S = 4, LEAD_S = 30;

    static String env(String k, String d) { return System.getenv().getOrDefault(k, d); }

    static void say(String fmt, Object... args) { System.out.printf(Locale.ROOT, fmt + "%n", args); }

    int run() throws Exception {
        Files.createDirectories(out);
        say("ship drill: %d picked orders, %.1f min of scanning, %d cores, load %.2f at start", orders, minutes,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        SlowEasyPost easypost = new SlowEasyPost(800, 0.05);
        Service service = new Service(api, Map.of("SURGE_DB_URL", dbUrl, "SURGE_HTTP_PORT", String.valueOf(port), "SURGE_DEMO", "false",
                "SURGE_ADMIN_PASSWORD", "bench-admin-password", "SURGE_ADMIN_KEY", ADMIN_KEY, "SURGE_SERIAL_DEVICES", "false",
                "SURGE_SHIPPING_KEY", env("SURGE_SHIPPING_KEY", "YmVuY2gtb25seS1zaGlwcGluZy1rZXktMzItYnl0ZXM=")),
                out, "ship", env("BENCH_SERVICE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xms512m"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { try { service.stop(); } catch (InterruptedException ignored) { } }));
        double startS = service.start();
        say("service up (pid %d) in %.1f s; fake EasyPost at %s (800 ms a call, 5 %% answered 503)", service.pid(), startS, easypost.baseUrl());
        up = true;

        // ---- the floor, picked through the API; the service's worker buys the labels as the orders come ----
        ShipFloor floor = new ShipFloor(api);
        floor.setup(2, orders / 2 + (int) (minutes * 60 * FLOW_PER_S / 2) + 200, easypost.baseUrl());
        long p0 = System.nanoTime();
        BreakerWatch breaker = new BreakerWatch(dbUrl);
        breaker.start();
        floor.orders(orders, "pool");
        double intakeS = (System.nanoTime() - p0) / 1e9;
        int waves = floor.waves();
        int tasks = floor.pickAll("bench-picker");
        double pickedS = (System.nanoTime() - p0) / 1e9;
        long picked = scalar("select count(*) from orders where status = 'PICKED' and external_id like 'pool-%'");
        say("floor: %d orders by the batch API in %.1f s, %d waves, %d bulk tasks picked by the pick API (%d scans, %d refused), %d PICKED after %.1f s",
                orders, intakeS, waves, tasks, floor.pickScans.get(), floor.pickRejects.get(), picked, pickedS);
        if (picked < orders * 0.99) throw new IllegalStateException("only " + picked + " of " + orders + " orders picked");

        // ---- ahead: the labels of the queue bought before the stations start ----
        long prepEnd = System.nanoTime() + (long) (prepMinutes * 60e9), lastSay = 0, at10 = 0, at90 = 0;
        long bought;
        while (true) {
            bought = scalar("select count(*) from parcel_label where status = 'BOUGHT'");
            long open = scalar("select count(*) from parcel_label where status in ('PLANNED','BUYING')");
            if (at10 == 0 && bought >= orders / 10) at10 = System.nanoTime();
            if (at90 == 0 && bought >= orders * 9 / 10) at90 = System.nanoTime();
            if (System.nanoTime() - lastSay > 15e9) {
                lastSay = System.nanoTime();
                say("t=%5.0fs ahead: %d bought, %d to buy; EasyPost: %d calls, %d failed, %d purchases", (System.nanoTime() - p0) / 1e9,
                        bought, open, easypost.calls.get(), easypost.failed.get(), easypost.purchases());
            }
            if ((open == 0 && bought > 0) || System.nanoTime() > prepEnd) break;
            Thread.sleep(1000);
        }
        double aheadS = (System.nanoTime() - p0) / 1e9;
        // the worker's pace once busy: from 10 % to 90 % of the queue bought (4 calls a label: address, shipment, buy, file)
        double buyRate = at90 > at10 && at10 > 0 ? (orders * 0.8) / ((at90 - at10) / 1e9) : Double.NaN;
        say("t=%5.0fs %d labels bought ahead; the buyer bought %.1f labels/s between 10 %% and 90 %% of the queue", aheadS, bought, buyRate);

        Churn churn = new Churn(floor, api, dbUrl, () -> up);
        churn.cancelTail(10);

        // ---- two minutes at machine pace, kill -9 in the middle; new orders flow in, released LEAD_S after they came ----
        ShipStations st = new ShipStations(api, dbUrl, () -> up);
        long t0 = System.nanoTime(), end = t0 + (long) (minutes * 60e9);
        List<Thread> threads = new ArrayList<>();
        threads.add(st.watcher());
        List<String> skus = new ArrayList<>(floor.gtins.keySet());
        for (int i = 0; i < floor.stations.size(); i++) threads.add(st.station(floor.stations.get(i), floor.gtins.get(skus.get(i)), end));
        threads.add(churn.intake(FLOW_PER_S * 5, 5000));
        threads.add(churn.releaser(LEAD_S * 1000, 5000));
        threads.add(churn.canceller(2000));
        threads.forEach(Thread::start);
        int purchasesAtStart = easypost.purchases();
        double downS = 0, killAt = minutes * 30;
        boolean killed = false;
        long killNanos = Long.MAX_VALUE, backNanos = Long.MAX_VALUE;
        long nextSay = t0;
        while (System.nanoTime() < end) {
            double el = (System.nanoTime() - t0) / 1e9;
            if (!killed && el >= killAt) {
                killed = true;
                long buying = scalar("select count(*) from parcel_label where status = 'BUYING'");
                say("t=%4.0fs kill -9 the service (pid %d) with %d labels BUYING", el, service.pid(), buying);
                up = false;
                killNanos = System.nanoTime();
                service.kill();
                long d = System.nanoTime();
                service.start();
                backNanos = System.nanoTime();
                downS = (backNanos - d) / 1e9;
                up = true;
                say("t=%4.0fs back after %.1f s (pid %d); stations go on", (System.nanoTime() - t0) / 1e9, downS, service.pid());
            }
            if (System.nanoTime() >= nextSay) {
                nextSay += 10_000_000_000L;
                say("t=%4.0fs scans: %d with the bought label, %d pending, %d refused, %d unanswered | new orders %d, released %d, cancelled %d | purchases %d",
                        el, st.ready.get(), st.pending.get(), st.refused.get(), st.noAnswer.get(), churn.lateOrders.get(), churn.released.get(),
                        churn.cancelled.size(), easypost.purchases());
            }
            Thread.sleep(200);
        }
        churn.stop = true;
        for (Thread t : threads.subList(1, threads.size())) t.join(40_000);
        double scanS = (System.nanoTime() - t0) / 1e9;

        // ---- drain: the buyer finishes (a label BUYING at the kill waits for its 2 min lease) ----
        long d0 = System.nanoTime(), drainEnd = d0 + (long) (drainMinutes * 60e9);
        long open, drainSay = d0, last = -1, sameSince = d0;
        while (true) {
            open = scalar("""
                    select (select count(*) from parcel_label where status in ('PLANNED','BUYING','VOID_PENDING'))
                         + (select count(*) from shipment where label_state = 'PENDING')
                         + (select count(*) from print_job where status = 'QUEUED')""");
            if (open != last) { last = open; sameSince = System.nanoTime(); }
            // nothing moved for longer than a lease (2 min): what is left is stuck
            if (open == 0 || System.nanoTime() > drainEnd || System.nanoTime() - sameSince > 150e9) break;
            if (System.nanoTime() >= drainSay) {
                drainSay += 20_000_000_000L;
                say("drain: %d labels to buy or void, parcels pending and jobs queued", open);
            }
            Thread.sleep(1000);
        }
        double drainS = (System.nanoTime() - d0) / 1e9;
        Thread.sleep(1500); // the last pending print jobs seen by the watcher
        st.stop = true;
        breaker.stop = true;
        long endMicros = System.currentTimeMillis() * 1000;

        ShipChecks k = ShipChecks.run(dbUrl, easypost, floor.printers, churn.cancelled);
        List<Double> ms = st.scanToLabelMs(endMicros);
        Latencies all = new Latencies(), answers = new Latencies(), pendingLat = new Latencies();
        for (Double v : ms) all.add((long) (v * 1e6));
        synchronized (st.scans) {
            for (ShipStations.Scan s : st.scans) (s.pendingShipment() == null ? answers : pendingLat).add(s.answerNanos());
        }
        service.stop();
        double pdf = PdfRate.perSecond(10);

        say("");
        say("| figure | value |");
        say("|---|--:|");
        row("orders: picked queue (batch API, waves, pick API) / new during the scan / of them released and picked " + LEAD_S + " s after they came / cancelled",
                "%d / %d / %d / %d", orders, churn.lateOrders.get(), churn.released.get(), churn.cancelled.size());
        row("labels bought ahead before the stations started / time from the first order (s) / buyer's pace, labels per s (10-90 %)",
                "%d / %.0f / %.1f", bought, aheadS, buyRate);
        row("scan window (s) / service down after kill -9 (s) / drain (s)", "%.0f / %.1f / %.0f%s", scanS, downS, drainS, open > 0 ? " (cap hit: " + open + " left)" : "");
        row("scans: bought label at the scan / LABEL_PENDING / refused (queue empty: the packer waits 100 ms) / unanswered (kill)", "%d / %d / %d / %d", st.ready.get(), st.pending.get(), st.refused.get(), st.noAnswer.get());
        row("refusals by reason", "%s%s", st.reasons, st.dry.get() > 0 ? String.format(Locale.ROOT, " (queue empty from t=%.0fs)", (st.firstDryNanos - t0) / 1e9) : "");
        row("scan to label in the queue p50 / p99 / max ms (all accepted scans)", "%.1f / %.1f / %.1f", all.pct(50), all.pct(99), all.pct(100));
        row("scan to label p50 / p99 ms: scans sent before the kill / after the restart", "%s; %s", st.phase(0, killNanos, endMicros),
                st.phase(backNanos, Long.MAX_VALUE, endMicros));
        row("scan answer p50 / p99 ms: bought label / pending", "%.1f / %.1f; %.1f / %.1f", answers.pct(50), answers.pct(99), pendingLat.pct(50), pendingLat.pct(99));
        row("EasyPost calls / failed with 503 / purchases / of them during the scan and drain", "%d / %d / %d / %d", easypost.calls.get(),
                easypost.failed.get(), easypost.purchases(), easypost.purchases() - purchasesAtStart);
        row("parcel labels by status", "%s", k.labelStatus);
        row("parcels at the stations / without tracking / without print job / label still PENDING", "%d / %d / %d / %d", k.shipments, k.noTracking, k.noPrintJob, k.pendingParcels);
        row("print jobs by status / labels at the printers printed twice / parcels not printed", "%s / %d / %d", k.printJobs, k.printedTwice, k.notPrinted);
        row("parcels carrying another number than EasyPost sold / purchases Surge does not know", "%d / %d", k.trackingMismatch, k.orphanPurchases);
        row("cancelled orders' labels sold / refunded / not refunded", "%d / %d / %d", k.cancelledBought, k.voidedOnCancel, k.unrefunded);
        row("labels left PLANNED, BUYING or VOID_PENDING after the drain", "%d", k.stuckLabels);
        row("EasyPost account's circuit breaker open: labels held back (s from the first order)", "%s", breaker.openings.isEmpty() ? "never" : breaker.openings);
        for (String e : k.evidence) say("evidence: %s", e);
        for (String e : st.slowest(8, t0, endMicros, this::labelOf)) say("slowest: %s", e);
        say("machine: %d cores, load %.2f at the end", Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        say("");
        say("RESULT scan_to_label_p99_ms=%.1f labels_bought=%d labels_bought_twice=%d labels_missing=%d voided_on_cancel=%d pdf_to_zpl_per_s=%s",
                all.pct(99), easypost.purchases(), k.boughtTwice, k.missing, k.voidedOnCancel, String.format(Locale.ROOT, "%.1f", pdf));
        for (FakeZebra z : floor.printers) try { z.close(); } catch (Exception ignored) { }
        easypost.close();
        return 0;
    }

    void row(String k, String fmt, Object... v) { say("| %s | %s |", k, String.format(Locale.ROOT, fmt, v)); }

    /** A parcel's label row, for the slowest scans: how its purchase went. */
    String labelOf(long shipment) {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); var ps = c.prepareStatement("""
                select 'label ' || l.id || ' ' || l.status || ', ' || l.attempts || ' attempts, planned ' || to_char(l.created_at, 'HH24:MI:SS')
                       || ', packed ' || to_char(s.packed_at, 'HH24:MI:SS') || ', bought ' || coalesce(to_char(l.bought_at, 'HH24:MI:SS'), '-')
                       || coalesce(', last error: ' || left(l.last_error, 120), '')
                  from shipment s left join parcel_label l on l.shipment_id = s.id where s.id = ?""")) {
            ps.setLong(1, shipment);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getString(1) : "no shipment"; }
        } catch (Exception e) {
            return "not read: " + e;
        }
    }

    long scalar(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
