import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intake load driver for bench/intake.sh: a viral spike of orders against a running Surge WMS.
 * Single file, JDK 17 only: {@code java bench/IntakeLoad.java --mode single|batch|plan [options]}.
 *
 * The order set is deterministic (seeded): {@code viral-share} of the orders are single units of the
 * viral SKUs (split by {@code viral-weights}), the rest are 1-5 line orders over the other SKUs of
 * the catalogue. {@code --mode plan} prints the exact demand per viral SKU so the caller can stock
 * a known fraction of it. Every order accepted (2xx, and CREATED/EXISTING inside a batch answer)
 * is written as "channel TAB externalId" to {@code --accepted}.
 */
public class IntakeLoad {

    record Order(String channel, String externalId, String json) {}

    record Reply(int http, long nanos, int accepted, int rejected, int created, int existing,
                 int allocated, int backordered, List<Order> acceptedOrders, String error) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String mode = opt.getOrDefault("mode", "single");
        String base = opt.getOrDefault("url", "http://127.0.0.1:8190");
        String shop = opt.getOrDefault("shop", "bench");
        String run = opt.getOrDefault("run", mode);
        int count = Integer.parseInt(opt.getOrDefault("orders", "50000"));
        int clients = Integer.parseInt(opt.getOrDefault("clients", mode.equals("batch") ? "4" : "64"));
        int batchSize = Integer.parseInt(opt.getOrDefault("batch-size", "1000"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "20261122"));
        double viralShare = Double.parseDouble(opt.getOrDefault("viral-share", "0.8"));
        List<String> viral = List.of(opt.getOrDefault("viral", "SKU-0001,SKU-0002,SKU-0003").split(","));
        int[] weights = Arrays.stream(opt.getOrDefault("viral-weights", "50,30,20").split(",")).mapToInt(Integer::parseInt).toArray();
        int catalogueFrom = Integer.parseInt(opt.getOrDefault("catalogue-from", "4"));
        int catalogueTo = Integer.parseInt(opt.getOrDefault("catalogue-to", "500"));
        String skuFormat = opt.getOrDefault("sku-format", "SKU-%04d");
        Path acceptedFile = Path.of(opt.getOrDefault("accepted", "bench/out/accepted-" + run + ".tsv"));

        // ---- the order set: the same for every mode with the same seed ----
        Random rnd = new Random(seed);
        int viralCount = (int) Math.round(count * viralShare);
        List<Integer> kinds = new ArrayList<>(count); // -1 = catalogue order, else index of the viral SKU
        int weightSum = Arrays.stream(weights).sum(), given = 0;
        Map<String, Integer> demand = new LinkedHashMap<>();
        for (int v = 0; v < viral.size(); v++) {
            int n = v == viral.size() - 1 ? viralCount - given : (int) ((long) viralCount * weights[v] / weightSum);
            given += n;
            demand.put(viral.get(v), n);
            for (int k = 0; k < n; k++) kinds.add(v);
        }
        while (kinds.size() < count) kinds.add(-1);
        Collections.shuffle(kinds, rnd);
        if (mode.equals("plan")) {
            demand.forEach((sku, n) -> System.out.println(sku + " " + n));
            return;
        }
        String[] cities = {"Austin", "Denver", "Portland", "Atlanta", "Chicago", "Phoenix", "Boston", "Seattle"};
        String[] carriers = {"UPS", "USPS", "FEDEX"};
        List<Order> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = kinds.get(i);
            StringBuilder lines = new StringBuilder();
            String channel, tag;
            if (kind >= 0) {
                channel = "tiktok";
                tag = "live-" + viral.get(kind);
                line(lines, viral.get(kind), 1);
            } else {
                channel = "shopify";
                tag = null;
                int n = 1 + rnd.nextInt(5);
                List<Integer> picked = new ArrayList<>();
                while (picked.size() < n) {
                    int s = catalogueFrom + rnd.nextInt(catalogueTo - catalogueFrom + 1);
                    if (!picked.contains(s)) picked.add(s);
                }
                for (int s : picked) line(lines, String.format(skuFormat, s), 1 + rnd.nextInt(3));
            }
            String ext = run + "-" + i;
            String city = cities[rnd.nextInt(cities.length)];
            StringBuilder o = new StringBuilder(420);
            o.append('{');
            field(o, "shop", shop).append(',');
            field(o, "channel", channel).append(',');
            field(o, "externalId", ext).append(',');
            field(o, "shipBy", "2026-11-2" + (3 + rnd.nextInt(3)) + "T16:00:00Z").append(',');
            field(o, "carrier", carriers[rnd.nextInt(carriers.length)]).append(',');
            field(o, "service", "GROUND").append(',');
            if (tag != null) field(o, "contentTag", tag).append(',');
            o.append("\"shipTo\":{");
            field(o, "name", "Buyer " + i).append(',');
            field(o, "line1", (1 + rnd.nextInt(9999)) + " Main St").append(',');
            field(o, "city", city).append(',');
            field(o, "postalCode", String.format("%05d", rnd.nextInt(100000))).append(',');
            field(o, "country", "US").append(',');
            field(o, "email", "buyer" + i + "@example.com");
            o.append("},\"lines\":[").append(lines).append("]}");
            orders.add(new Order(channel, ext, o.toString()));
        }

        // ---- the requests ----
        List<List<Order>> requests = new ArrayList<>();
        int per = mode.equals("batch") ? batchSize : 1;
        for (int i = 0; i < count; i += per) requests.add(orders.subList(i, Math.min(count, i + per)));
        List<String> bodies = new ArrayList<>(requests.size());
        for (List<Order> r : requests) {
            if (mode.equals("batch")) {
                StringBuilder b = new StringBuilder(r.size() * 430).append("{\"orders\":[");
                for (int k = 0; k < r.size(); k++) b.append(k == 0 ? "" : ",").append(r.get(k).json());
                bodies.add(b.append("]}").toString());
            } else {
                bodies.add(r.get(0).json());
            }
        }
        URI target = URI.create(base + (mode.equals("batch") ? "/api/orders/batch" : "/api/orders"));

        // One HttpClient per 8 workers by default: the JDK client has one selector thread per client.
        int clientCount = Integer.parseInt(opt.getOrDefault("http-clients", String.valueOf(Math.max(1, (clients + 7) / 8))));
        HttpClient[] http = new HttpClient[clientCount];
        for (int i = 0; i < clientCount; i++)
            http[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        AtomicInteger next = new AtomicInteger();
        Reply[] replies = new Reply[requests.size()];
        long cpuBefore = cpuNanos();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            HttpClient client = http[w % clientCount];
            Thread t = new Thread(() -> {
                for (int k; (k = next.getAndIncrement()) < requests.size(); ) {
                    replies[k] = send(client, target, bodies.get(k), requests.get(k), mode.equals("batch"));
                }
            }, "load-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) t.join();
        long wall = System.nanoTime() - t0;
        long cpu = cpuNanos() - cpuBefore;

        // ---- results ----
        long[] lat = new long[replies.length];
        int accepted = 0, rejected = 0, created = 0, existing = 0, allocated = 0, backordered = 0, httpErrors = 0;
        Map<String, Integer> errors = new HashMap<>();
        Files.createDirectories(acceptedFile.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(acceptedFile, StandardCharsets.UTF_8)) {
            for (int k = 0; k < replies.length; k++) {
                Reply r = replies[k];
                lat[k] = r.nanos();
                accepted += r.accepted(); rejected += r.rejected(); created += r.created(); existing += r.existing();
                allocated += r.allocated(); backordered += r.backordered();
                if (r.error() != null) { httpErrors++; errors.merge(r.error(), 1, Integer::sum); }
                for (Order o : r.acceptedOrders()) { out.write(o.channel()); out.write('\t'); out.write(o.externalId()); out.write('\n'); }
            }
        }
        Arrays.sort(lat);
        double wallS = wall / 1e9;
        errors.forEach((e, n) -> System.err.println("error x" + n + ": " + e));
        System.out.printf(java.util.Locale.ROOT,
                "STAT mode=%s run=%s orders=%d requests=%d clients=%d batch_size=%d wall_s=%.2f orders_per_s=%.0f accepted_per_s=%.0f "
                        + "p50_ms=%.1f p99_ms=%.1f max_ms=%.1f accepted=%d rejected=%d created=%d existing=%d allocated=%d backordered=%d "
                        + "http_errors=%d driver_cpu_s=%.1f%n",
                mode, run, count, requests.size(), clients, per, wallS, count / wallS, accepted / wallS,
                pct(lat, 0.50) / 1e6, pct(lat, 0.99) / 1e6, lat[lat.length - 1] / 1e6, accepted, rejected, created, existing,
                allocated, backordered, httpErrors, cpu / 1e9);
    }

    private static final Pattern RESULT = Pattern.compile(
            "\\{\"index\":(\\d+),\"outcome\":\"(CREATED|EXISTING|REJECTED)\"(?:,\"orderId\":\\d+)?(?:,\"externalId\":\"(?:[^\"\\\\]|\\\\.)*\")?(?:,\"status\":\"(\\w+)\")?");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

    static Reply send(HttpClient client, URI target, String body, List<Order> orders, boolean batch) {
        HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + System.getenv().getOrDefault("SURGE_BENCH_KEY", ""))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> res;
        try {
            res = client.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            return new Reply(0, System.nanoTime() - start, 0, orders.size(), 0, 0, 0, 0, List.of(), e.getClass().getSimpleName());
        }
        long nanos = System.nanoTime() - start;
        int code = res.statusCode();
        if (code / 100 != 2)
            return new Reply(code, nanos, 0, orders.size(), 0, 0, 0, 0, List.of(), "HTTP " + code);
        if (!batch) {
            Matcher m = STATUS.matcher(res.body());
            String status = m.find() ? m.group(1) : "";
            return new Reply(code, nanos, 1, 0, code == 201 ? 1 : 0, code == 200 ? 1 : 0,
                    status.equals("ALLOCATED") ? 1 : 0, status.equals("BACKORDERED") ? 1 : 0, orders, null);
        }
        int accepted = 0, rejected = 0, created = 0, existing = 0, allocated = 0, backordered = 0, seen = 0;
        List<Order> ok = new ArrayList<>(orders.size());
        Matcher m = RESULT.matcher(res.body());
        while (m.find()) {
            seen++;
            int index = Integer.parseInt(m.group(1));
            String outcome = m.group(2);
            if (outcome.equals("REJECTED")) { rejected++; continue; }
            accepted++;
            if (outcome.equals("CREATED")) created++; else existing++;
            if ("ALLOCATED".equals(m.group(3))) allocated++;
            if ("BACKORDERED".equals(m.group(3))) backordered++;
            ok.add(orders.get(index));
        }
        String error = seen == orders.size() ? null : "batch answer lists " + seen + " results for " + orders.size() + " orders";
        return new Reply(code, nanos, accepted, rejected + (orders.size() - seen), created, existing, allocated, backordered, ok, error);
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static void line(StringBuilder lines, String sku, int qty) {
        if (lines.length() > 0) lines.append(',');
        lines.append("{\"sku\":").append(quote(sku)).append(",\"quantity\":").append(qty).append('}');
    }

    static StringBuilder field(StringBuilder b, String name, String value) {
        return b.append('"').append(name).append("\":").append(quote(value));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch)); else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String a = args[i].substring(2);
            int eq = a.indexOf('=');
            if (eq >= 0) m.put(a.substring(0, eq), a.substring(eq + 1));
            else m.put(a, args[++i]);
        }
        return m;
    }
}
