package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.devices.serial.Pty;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Pack stations. Singles: a socat PTY is the station's serial scanner; the session writes a picked unit's barcode and
 * waits for the station's answer on its event stream (SSE, reconnected after the restart): scan latency. Standard: a
 * packer at the station page through the pack API (open tote, scan each unit, close).
 */
public final class Stations {
    final Api api;
    final Map<String, String> gtins;
    final BooleanSupplier serviceUp;
    public final Latencies scanLatency = new Latencies();
    /** The service's part of each scan, as its answer says (serverMillis: the scan's last byte to its answer). */
    public final Latencies serverPart = new Latencies();
    /** Outside the service: PTY write → the service read the last byte; the answer published → the station read it. */
    public final Latencies inLag = new Latencies(), outLag = new Latencies();
    /** Each singles scan: when it was written (nanoTime), its latency and the service's part (ns; -1 if not said). */
    public final java.util.List<long[]> samples = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private static final java.util.regex.Pattern ARRIVED_NANOS = java.util.regex.Pattern.compile("\"arrivedNanos\":([0-9]+)");
    private static final java.util.regex.Pattern SERVER_MILLIS = java.util.regex.Pattern.compile("\"serverMillis\":([0-9.]+)");
    public final AtomicInteger singlesShipped = new AtomicInteger(), singlesRefused = new AtomicInteger(), timeouts = new AtomicInteger(),
            parcels = new AtomicInteger(), packRejects = new AtomicInteger(), sseReconnects = new AtomicInteger(),
            totesRefused = new AtomicInteger(); // a tote whose first open was refused: its orders are stranded
    public volatile boolean stop;
    /** The packer's own time per unit before its scan (placing the item, sticking the last label): 0 = machine pace. */
    final int packMs;

    public Stations(Api api, Map<String, String> gtins, BooleanSupplier serviceUp, int packMs) {
        this.api = api;
        this.gtins = gtins;
        this.serviceUp = serviceUp;
        this.packMs = packMs;
    }

    record Answer(long at, String line) {}

    public Thread singles(String station, Pty pty, BlockingQueue<String> units) {
        BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        boolean[] connected = {false};
        // A station is a machine of its own: its event stream does not queue behind the pickers' calls in the drill's
        // shared client (one selector thread for ~500 calls/s, which added tens of ms to every answer it carried).
        HttpClient own = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
        Thread reader = Pickers.daemon("events-" + station, () -> {
            while (!stop) {
                try {
                    HttpRequest req = HttpRequest.newBuilder(api.base.resolve("/api/packing/stations/" + station + "/events?packer=spike"))
                            .header("Authorization", "Bearer " + api.key).build();
                    HttpResponse<InputStream> res = own.send(req, HttpResponse.BodyHandlers.ofInputStream());
                    if (res.statusCode() != 200) { res.body().close(); Thread.sleep(500); continue; }
                    synchronized (connected) { connected[0] = true; }
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; )
                            if (line.startsWith("data:") && line.contains("\"type\":\"scan\"")) answers.add(new Answer(System.nanoTime(), line));
                    }
                } catch (java.io.IOException e) {
                    // the service went away: reconnect
                }
                synchronized (connected) { connected[0] = false; }
                sseReconnects.incrementAndGet();
                Thread.sleep(300);
            }
        });
        reader.start();
        byte[] cr = {'\r'};
        return Pickers.daemon("singles-" + station, () -> {
            while (!stop) {
                String gtin = units.poll(500, TimeUnit.MILLISECONDS);
                if (gtin == null) continue;
                while (!stop && !(serviceUp.getAsBoolean() && connectedNow(connected))) Thread.sleep(100);
                if (stop) return;
                if (packMs > 0) Thread.sleep(packMs);
                answers.clear();
                long t = System.nanoTime();
                pty.write((gtin + "\r").getBytes(StandardCharsets.US_ASCII));
                Answer a = answers.poll(10, TimeUnit.SECONDS);
                if (a == null) { timeouts.incrementAndGet(); units.add(gtin); continue; }
                scanLatency.add(a.at() - t);
                java.util.regex.Matcher m = SERVER_MILLIS.matcher(a.line());
                long server = m.find() ? (long) (Double.parseDouble(m.group(1)) * 1e6) : -1;
                if (server >= 0) serverPart.add(server);
                samples.add(new long[]{t, a.at() - t, server});
                java.util.regex.Matcher am = ARRIVED_NANOS.matcher(a.line()); // same machine: one monotonic clock
                if (am.find() && server >= 0) { long arr = Long.parseLong(am.group(1)); inLag.add(arr - t); outLag.add(a.at() - arr - server); }
                if (a.line().contains("\"result\":\"ACCEPTED\"")) singlesShipped.incrementAndGet();
                else singlesRefused.incrementAndGet();
            }
        });
    }

    /** p50 / p99 (ms) of the scans written in [from, to) nanoTime, drill-measured and the service's part, and their count. */
    public String phase(long from, long to) {
        Latencies all = new Latencies(), server = new Latencies();
        synchronized (samples) {
            for (long[] x : samples)
                if (x[0] >= from && x[0] < to) {
                    all.add(x[1]);
                    if (x[2] >= 0) server.add(x[2]);
                }
        }
        return String.format(java.util.Locale.ROOT, "%.1f / %.1f (service %.1f / %.1f), %d scans", all.pct(50), all.pct(99), server.pct(50), server.pct(99), all.count());
    }

    /** The n slowest singles scans: when each was written (s from t0; s after the restart) and its ms, total and the service's part. */
    public String slowest(int n, long t0, long back) {
        java.util.List<long[]> all;
        synchronized (samples) { all = new java.util.ArrayList<>(samples); }
        all.sort((a, b) -> Long.compare(b[1], a[1]));
        StringBuilder out = new StringBuilder();
        for (long[] x : all.subList(0, Math.min(n, all.size())))
            out.append(String.format(java.util.Locale.ROOT, "%st=%.1fs%s %.0f/%.0f", out.isEmpty() ? "" : ", ", (x[0] - t0) / 1e9,
                    x[0] >= back ? String.format(java.util.Locale.ROOT, " (+%.1fs)", (x[0] - back) / 1e9) : "", x[1] / 1e6, x[2] / 1e6));
        return out.toString();
    }

    private static boolean connectedNow(boolean[] c) {
        synchronized (c) { return c[0]; }
    }

    public Thread standard(String station, BlockingQueue<String> totes) {
        String base = "/api/packing/stations/" + station;
        return Pickers.daemon("pack-" + station, () -> {
            while (!stop) {
                String tote = totes.poll(500, TimeUnit.MILLISECONDS);
                if (tote == null) continue;
                for (int orders = 0; orders < 10 && !stop; orders++) {
                    Api.Res open = api.retry("POST", base + "/open", Map.of("code", tote, "packer", "spike-packer"));
                    if (open == null || !open.ok()) {
                        if (open != null && orders == 0 && totesRefused.incrementAndGet() <= 5) {
                            System.err.println("pack-" + station + ": tote " + tote + " refused: " + open.status() + " " + open.body().path("detail").asText());
                        }
                        break;
                    }
                    JsonNode pack = open.body().has("pack") ? open.body().path("pack") : open.body();
                    for (JsonNode l : pack.path("lines")) {
                        int remaining = l.path("ordered").asInt() - l.path("packed").asInt() - l.path("scanned").asInt();
                        for (int i = 0; i < remaining; i++) {
                            if (packMs > 0) Thread.sleep(packMs);
                            Api.Res s = api.retry("POST", base + "/scan", Map.of("code", gtins.get(l.path("sku").asText()), "packer", "spike-packer"));
                            if (s == null) return;
                            if (!"ACCEPTED".equals(s.text("result"))) packRejects.incrementAndGet();
                        }
                    }
                    Api.Res close = api.retry("POST", base + "/close", Map.of("packer", "spike-packer"));
                    if (close == null) return;
                    if ("ACCEPTED".equals(close.text("result"))) parcels.incrementAndGet();
                    else packRejects.incrementAndGet();
                }
            }
        });
    }
}
