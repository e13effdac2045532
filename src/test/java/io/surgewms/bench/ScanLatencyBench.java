package io.surgewms.bench;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.devices.serial.Pty;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.Pick;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * Serial scanners at singles stations, scanning the viral SKU at a steady rate while the service runs:
 * socat pseudo-terminals stand in for N scanners; each scan is one unit of a bulk pick, so each scan
 * assigns an order, closes its parcel and queues its label. Latency is from the scan's last byte
 * written to the station's answer arriving on its event stream (what the packer's screen sees).
 * Run by bench/scan-latency.sh against a running service (SURGE_BENCH_URL).
 */
public final class ScanLatencyBench {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(System.getenv().getOrDefault("SURGE_BENCH_URL", "http://127.0.0.1:8097"));
        int scanners = Integer.parseInt(System.getenv().getOrDefault("BENCH_SCANNERS", "4"));
        double rate = Double.parseDouble(System.getenv().getOrDefault("BENCH_SCANS_PER_S", "4"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "30"));
        int perScanner = (int) Math.round(rate * seconds);
        RestAssured.baseURI = "http://" + base.getHost();
        RestAssured.port = base.getPort();
        io.surgewms.testsupport.SignedIn.asAdmin(); // the script starts the service with this key (SURGE_ADMIN_KEY)

        // A picked bulk of single-unit orders: what a singles station works through in a spike.
        Floor f = new Floor();
        String gtin = f.skuWithGtin("VIRAL", "405100000001");
        int orders = scanners * perScanner;
        f.receive("VIRAL", f.bin("PICK_FACE", 1), orders);
        for (int i = 1; i <= 8; i++) f.tote(i);
        System.out.printf("setup: %d single orders, picking them in bulk ...%n", orders);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < orders; i++) batch.add(f.order("lat-" + i, "VIRAL", 1));
        given().contentType(ContentType.JSON).body(Map.of("orders", batch)).post("/api/orders/batch").then().statusCode(200);
        Pick.plan(f);
        for (JsonPath task; (task = Pick.claim(f, "bench-picker")) != null; )
            Pick.pickAll(f, "bench-picker", task.getLong("id"), Map.of("VIRAL", gtin));

        List<Pty> lines = new ArrayList<>();
        List<String> stations = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        List<ConcurrentLinkedQueue<Long>> sent = new ArrayList<>();
        List<long[]> latencies = new ArrayList<>();
        List<Long> serverPart = java.util.Collections.synchronizedList(new ArrayList<>()); // ns, from each answer's serverMillis
        java.util.regex.Pattern serverMillis = java.util.regex.Pattern.compile("\"serverMillis\":([0-9.]+)");
        AtomicInteger accepted = new AtomicInteger(), refused = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(orders);
        try {
            for (int s = 0; s < scanners; s++) {
                String station = "LAT-" + f.zone + "-" + s;
                stations.add(station);
                given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                        .post("/api/packing/stations").then().statusCode(201);
                Pty pty = new Pty();
                lines.add(pty);
                given().contentType(ContentType.JSON).body(Map.of("kind", "SCANNER", "connection", "SERIAL", "port", pty.device(),
                        "options", Map.of("suffix", "CR"), "station", station)).put("/api/devices/" + station + "-SCANNER").then().statusCode(201);
                ConcurrentLinkedQueue<Long> queue = new ConcurrentLinkedQueue<>();
                sent.add(queue);
                long[] got = new long[perScanner];
                latencies.add(got);
                AtomicInteger n = new AtomicInteger();
                HttpRequest req = HttpRequest.newBuilder(base.resolve("/api/packing/stations/" + station + "/events?packer=bench"))
                        .header("Authorization", "Bearer " + io.surgewms.testsupport.SignedIn.ADMIN_KEY).build();
                HttpResponse<java.io.InputStream> stream = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            if (!line.startsWith("data:") || !line.contains("\"type\":\"scan\"")) continue;
                            long now = System.nanoTime();
                            Long at = queue.poll();
                            if (at == null) continue;
                            int i = n.getAndIncrement();
                            if (i < got.length) got[i] = now - at;
                            java.util.regex.Matcher m = serverMillis.matcher(line);
                            if (m.find()) serverPart.add((long) (Double.parseDouble(m.group(1)) * 1e6));
                            (line.contains("\"result\":\"ACCEPTED\"") ? accepted : refused).incrementAndGet();
                            answered.countDown();
                        }
                    } catch (Exception e) {
                        // the stream closes when the bench ends
                    }
                }, "events-" + station);
                reader.setDaemon(true);
                reader.start();
            }
            for (String st : stations)
                awaitOnline(st + "-SCANNER");
            Thread.sleep(500);

            System.out.printf("scanning: %d scanners x %.1f scans/s for %d s%n", scanners, rate, seconds);
            long gap = (long) (1e9 / rate), start = System.nanoTime();
            List<Thread> writers = new ArrayList<>();
            for (int s = 0; s < scanners; s++) {
                Pty pty = lines.get(s);
                ConcurrentLinkedQueue<Long> queue = sent.get(s);
                long offset = gap * s / scanners; // scanners out of step, as on a floor
                Thread w = new Thread(() -> {
                    byte[] scan = (gtin + "\r").getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < perScanner; i++) {
                        long due = start + offset + i * gap;
                        while (System.nanoTime() < due) java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                        try {
                            queue.add(System.nanoTime()); // stamped just before the write; the last byte follows within microseconds
                            pty.write(scan);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, "scanner-" + s);
                w.start();
                writers.add(w);
            }
            for (Thread w : writers) w.join();
            boolean all = answered.await(60, java.util.concurrent.TimeUnit.SECONDS);
            double wall = (System.nanoTime() - start) / 1e9;

            long[] all_ = latencies.stream().flatMapToLong(Arrays::stream).filter(x -> x > 0).sorted().toArray();
            double p50 = pct(all_, 50), p99 = pct(all_, 99), max = all_.length == 0 ? 0 : all_[all_.length - 1] / 1e6;
            System.out.printf("%nanswers: %d of %d scans (%d accepted = orders shipped, %d refused)%s, %.1f s%n",
                    all_.length, orders, accepted.get(), refused.get(), all ? "" : " — some never answered", wall);
            System.out.println("| scanners | scans/s each | scans | p50 ms | p99 ms | max ms |");
            System.out.println("|--:|--:|--:|--:|--:|--:|");
            System.out.printf(Locale.ROOT, "| %d | %.1f | %d | %.1f | %.1f | %.1f |%n", scanners, rate, all_.length, p50, p99, max);
            long[] server = serverPart.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "the service's part (last byte read → answer published): p50 %.1f ms, p99 %.1f ms%n", pct(server, 50), pct(server, 99));
            System.out.printf(Locale.ROOT, "RESULT scanners=%d scan_p50_ms=%.1f scan_p99_ms=%.1f%n", scanners, p50, p99);
        } finally {
            for (String st : stations) given().delete("/api/devices/" + st + "-SCANNER");
            for (Pty p : lines) p.close();
        }
        System.exit(0);
    }

    private static void awaitOnline(String device) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if ("ONLINE".equals(given().get("/api/devices/" + device).then().extract().path("status.state"))) return;
            Thread.sleep(50);
        }
        throw new IllegalStateException(device + " never came online");
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
