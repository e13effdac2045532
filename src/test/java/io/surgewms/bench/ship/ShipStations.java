package io.surgewms.bench.ship;

import io.surgewms.bench.spike.Api;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Singles stations through the pack API at machine pace: each scan right after the previous answer. A scan answered
 * with the bought label has its label queued when it answers (same transaction); a LABEL_PENDING one is followed in
 * the database until its print job exists. Each scan's time from sending to its label in the print queue is kept.
 */
public final class ShipStations {
    /** A scan: when it was sent (epoch µs, and nanoTime), its answer time (ns), and for a pending one its shipment. */
    public record Scan(String station, long sentMicros, long sentNanos, long answerNanos, Long pendingShipment) {}

    final Api api;
    final String dbUrl;
    final BooleanSupplier up;
    public final List<Scan> scans = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Pending shipment → µs from its scan to its print job (filled by the watcher). */
    public final Map<Long, Long> pendingDone = new ConcurrentHashMap<>();
    public final AtomicInteger ready = new AtomicInteger(), pending = new AtomicInteger(), refused = new AtomicInteger(),
            noAnswer = new AtomicInteger(), dry = new AtomicInteger();
    public final Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();
    public volatile boolean stop;
    public volatile long firstDryNanos;

    public ShipStations(Api api, String dbUrl, BooleanSupplier up) {
        this.api = api;
        this.dbUrl = dbUrl;
        this.up = up;
    }

    public Thread station(String code, String gtin, long untilNanos) {
        Thread t = new Thread(() -> {
            try {
                while (!stop && System.nanoTime() < untilNanos) {
                    while (!up.getAsBoolean() && !stop) Thread.sleep(20); // the service restarting: the packer waits for the screen
                    long sentNanos = System.nanoTime();
                    long sentMicros = micros(Instant.now());
                    Api.Res r;
                    try {
                        r = api.call("POST", "/api/packing/stations/" + code + "/scan", Map.of("code", gtin, "packer", "bench-" + code));
                    } catch (java.io.IOException e) {
                        noAnswer.incrementAndGet(); // cut by the kill: committed or not, the checks at the end see it
                        Thread.sleep(50);
                        continue;
                    }
                    long took = System.nanoTime() - sentNanos;
                    if (r.status() >= 500) { noAnswer.incrementAndGet(); Thread.sleep(50); continue; }
                    String result = r.text("result"), reason = r.text("reason");
                    if ("ACCEPTED".equals(result) && reason == null) {
                        ready.incrementAndGet();
                        scans.add(new Scan(code, sentMicros, sentNanos, took, null));
                    } else if ("ACCEPTED".equals(result) && "LABEL_PENDING".equals(reason)) {
                        pending.incrementAndGet();
                        scans.add(new Scan(code, sentMicros, sentNanos, took, r.body().path("shipmentId").asLong()));
                    } else {
                        refused.incrementAndGet();
                        reasons.computeIfAbsent(reason == null ? r.status() + "" : reason, k -> new AtomicInteger()).incrementAndGet();
                        if ("NO_ORDER_WAITS".equals(reason)) {
                            if (dry.getAndIncrement() == 0) firstDryNanos = System.nanoTime();
                            Thread.sleep(100); // nothing left to pack: the packer waits for the next tote
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("station " + code + " stopped: " + e);
            }
        }, "station-" + code);
        t.setDaemon(true);
        return t;
    }

    /** Polls the database for the print jobs of pending parcels (print_job.created_at: the moment its label was queued). */
    public Thread watcher() {
        Thread t = new Thread(() -> {
            while (!stop) {
                try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
                     PreparedStatement ps = c.prepareStatement("""
                             select shipment_id, (extract(epoch from min(created_at)) * 1000000)::bigint from print_job
                              where shipment_id = any(?) group by shipment_id""")) {
                    while (!stop) {
                        List<Long> open = openPending();
                        if (!open.isEmpty()) {
                            Array ids = c.createArrayOf("bigint", open.toArray());
                            ps.setArray(1, ids);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) pendingDone.put(rs.getLong(1), rs.getLong(2));
                            }
                        }
                        Thread.sleep(25);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    try { Thread.sleep(300); } catch (InterruptedException x) { return; } // the database went away: again
                }
            }
        }, "pending-watch");
        t.setDaemon(true);
        return t;
    }

    List<Long> openPending() {
        List<Long> open = new ArrayList<>();
        synchronized (scans) {
            for (Scan s : scans) if (s.pendingShipment() != null && !pendingDone.containsKey(s.pendingShipment())) open.add(s.pendingShipment());
        }
        return open;
    }

    /** Each scan's time to its label in the queue (ms); a pending one still without a print job counts until {@code endMicros}. */
    public List<Double> scanToLabelMs(long endMicros) {
        List<Double> out = new ArrayList<>();
        synchronized (scans) {
            for (Scan s : scans) {
                if (s.pendingShipment() == null) out.add(s.answerNanos() / 1e6);
                else {
                    Long queued = pendingDone.get(s.pendingShipment());
                    long us = queued == null ? endMicros - s.sentMicros() : queued - s.sentMicros();
                    out.add(Math.max(us / 1e3, s.answerNanos() / 1e6));
                }
            }
        }
        return out;
    }

    /** "p50 / p99 (n)" in ms of scan to label, for the scans sent in [from, to) nanoTime. */
    public String phase(long from, long to, long endMicros) {
        List<Double> all = scanToLabelMs(endMicros);
        List<Double> in = new ArrayList<>();
        synchronized (scans) {
            for (int i = 0; i < all.size() && i < scans.size(); i++)
                if (scans.get(i).sentNanos() >= from && scans.get(i).sentNanos() < to) in.add(all.get(i));
        }
        if (in.isEmpty()) return "none";
        in.sort(null);
        return String.format(java.util.Locale.ROOT, "%.1f / %.1f (%d)", in.get((int) Math.ceil(0.5 * in.size()) - 1),
                in.get((int) Math.ceil(0.99 * in.size()) - 1), in.size());
    }

    /** The n slowest accepted scans to their label: station, sent at (s from t0), ms, and for a pending one its shipment. */
    public List<String> slowest(int n, long t0Nanos, long endMicros, java.util.function.LongFunction<String> labelOf) {
        List<Scan> all;
        synchronized (scans) { all = new ArrayList<>(scans); }
        List<double[]> v = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Scan s = all.get(i);
            Long q = s.pendingShipment() == null ? null : pendingDone.get(s.pendingShipment());
            double ms = s.pendingShipment() == null ? s.answerNanos() / 1e6 : ((q == null ? endMicros : q) - s.sentMicros()) / 1e3;
            v.add(new double[]{ms, i});
        }
        v.sort((a, b) -> Double.compare(b[0], a[0]));
        List<String> out = new ArrayList<>();
        for (double[] x : v.subList(0, Math.min(n, v.size()))) {
            Scan s = all.get((int) x[1]);
            out.add(String.format(java.util.Locale.ROOT, "%s t=%.1fs %.0f ms %s", s.station(), (s.sentNanos() - t0Nanos) / 1e9, x[0],
                    s.pendingShipment() == null ? "(label at the scan)" : "(LABEL_PENDING, shipment " + s.pendingShipment()
                            + (pendingDone.containsKey(s.pendingShipment()) ? "" : ", never printed") + "; " + labelOf.apply(s.pendingShipment()) + ")"));
        }
        return out;
    }

    static long micros(Instant i) { return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000; }
}
