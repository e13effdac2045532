package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The viral spike as Shopify sends it: signed orders/create webhooks at a linearly rising rate, ~80% single units of
 * three viral SKUs, the rest 2–4 lines; ~5% sent twice at once, ~2% replayed ~15 s later. A call that fails (service
 * down, 5xx) is retried as Shopify would. Accepted = a 2xx answer with an order id. A viral SKU listed in the
 * {@link Market} sells only while Shopify's listing shows stock: a buyer who finds it sold out places no order.
 */
public final class Webhooks {
    public static final String SECRET = "shpss_spike_secret_0123456789";
    static final long ID_BASE = 7_100_000_000L;
    private static final String[] VIRAL = {"GLOW-0001", "GLOW-0002", "GLOW-0003"};

    final URI endpoint;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    final int total;
    final double seconds, r0, r1;
    public final Set<String> accepted = ConcurrentHashMap.newKeySet();
    public final Latencies latency = new Latencies();
    public final AtomicInteger sent = new AtomicInteger(), calls = new AtomicInteger(), duplicates = new AtomicInteger(),
            replays = new AtomicInteger(), refused = new AtomicInteger(), retries = new AtomicInteger(), created = new AtomicInteger(),
            existing = new AtomicInteger(), other = new AtomicInteger(), soldOut = new AtomicInteger();
    public final AtomicLong lastAcceptNanos = new AtomicLong();
    public volatile boolean stop;
    private final AtomicInteger next = new AtomicInteger();
    private final DelayQueue<Replay> replayQueue = new DelayQueue<>();
    private final ExecutorService twins = Executors.newFixedThreadPool(4);

    record Replay(long at, String shop, byte[] body) implements Delayed {
        public long getDelay(TimeUnit u) { return u.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS); }
        public int compareTo(Delayed o) { return Long.compare(at, ((Replay) o).at); }
    }

    private final Market market;
    private final java.util.Map<String, Market.Listing> listed;

    /** listed: Shopify's listing of each limited SKU (sold through the market); other SKUs always sell. */
    public Webhooks(URI base, int total, double seconds, Market market, java.util.Map<String, Market.Listing> listed) {
        this.market = market;
        this.listed = listed;
        this.endpoint = base.resolve("/api/channels/shopify/webhook");
        this.total = total;
        this.seconds = seconds;
        this.r0 = 0.2 * total / seconds;
        this.r1 = 1.8 * total / seconds;
    }

    public String rates() { return String.format("%.0f/s rising to %.0f/s", r0, r1); }

    /** When order i is due, in seconds from the start: the inverse of the cumulative count of a linear ramp. */
    double due(int i) {
        double k = (r1 - r0) / seconds;
        return (-r0 + Math.sqrt(r0 * r0 + 2 * k * i)) / k;
    }

    public List<Thread> start(int senders) {
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread t = new Thread(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < total && !stop; ) {
                        long at = t0 + (long) (due(i) * 1e9);
                        long wait = at - System.nanoTime();
                        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                        SplittableRandom rnd = new SplittableRandom(i * 7919L + 17);
                        boolean glow = rnd.nextInt(100) < 80 || rnd.nextBoolean();
                        String shop = glow ? "glow" : "kicks";
                        String order = order(i, rnd, shop);
                        if (order == null) { soldOut.incrementAndGet(); continue; }
                        byte[] body = order.getBytes(StandardCharsets.UTF_8);
                        sent.incrementAndGet();
                        if (i % 20 == 7) { // the same webhook twice at once
                            duplicates.incrementAndGet();
                            twins.submit(() -> { send(shop, body); return null; });
                        }
                        if (i % 50 == 13) { // replayed later
                            replays.incrementAndGet();
                            replayQueue.add(new Replay(System.nanoTime() + 15_000_000_000L, shop, body));
                        }
                        send(shop, body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "webhook-" + s);
            t.start();
            threads.add(t);
        }
        Thread replayer = new Thread(() -> {
            try {
                while (!stop) {
                    Replay r = replayQueue.poll(500, TimeUnit.MILLISECONDS);
                    if (r != null) send(r.shop, r.body);
                    else if (next.get() >= total && replayQueue.isEmpty()) break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "webhook-replay");
        replayer.start();
        threads.add(replayer);
        return threads;
    }

    public void shutdown() {
        twins.shutdown();
        try { twins.awaitTermination(60, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

    /** Order i as Shopify sends it, or null when its viral SKU is sold out on Shopify's listing. */
    String order(int i, SplittableRandom rnd, String shop) {
        StringBuilder lines = new StringBuilder();
        boolean single = shop.equals("glow") && i % 5 != 0;
        if (single) {
            int p = rnd.nextInt(100);
            String sku = p < 50 ? VIRAL[0] : p < 80 ? VIRAL[1] : VIRAL[2];
            Market.Listing l = listed.get(sku);
            if (l != null && !market.sell(l)) return null; // the buyer finds it sold out on Shopify
            lines.append(line(1, sku, 1));
        } else {
            int n = 2 + rnd.nextInt(3);
            Set<Integer> seen = new java.util.HashSet<>();
            for (int l = 0; l < n; l++) {
                int k;
                do k = shop.equals("glow") ? 4 + rnd.nextInt(297) : 1 + rnd.nextInt(200); while (!seen.add(k));
                if (l > 0) lines.append(',');
                lines.append(line(l + 1, (shop.equals("glow") ? "GLOW-%04d" : "KICK-%04d").formatted(k), rnd.nextInt(100) < 85 ? 1 : 2));
            }
        }
        return """
                {"id": %d, "name": "#%d", "email": "buyer%d@example.com", "created_at": "%s",
                 "shipping_address": {"name": "Buyer %d", "address1": "%d Market St", "city": "Austin", "province_code": "TX", "zip": "78701",
                  "country_code": "US", "phone": "+1 512 555 0100"},
                 "line_items": [%s]}""".formatted(ID_BASE + i, 1000 + i, i, Instant.now().toString(), i, 100 + i % 900, lines);
    }

    private static String line(int id, String sku, int qty) {
        return "{\"id\": %d, \"sku\": \"%s\", \"quantity\": %d, \"requires_shipping\": true}".formatted(id, sku, qty);
    }

    void send(String shop, byte[] body) throws InterruptedException {
        String hmac = hmac(body);
        while (!stop) {
            calls.incrementAndGet();
            HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-Shopify-Shop-Domain", shop + ".myshopify.com").header("X-Shopify-Topic", "orders/create")
                    .header("X-Shopify-Hmac-Sha256", hmac).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long t = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - t;
                if (r.statusCode() >= 500) { retries.incrementAndGet(); Thread.sleep(500); continue; }
                latency.add(took);
                if (r.statusCode() / 100 != 2) { refused.incrementAndGet(); return; }
                JsonNode n = Api.JSON.readTree(r.body());
                String outcome = n.path("outcome").asText();
                if (n.hasNonNull("orderId")) {
                    accepted.add(shop + ":" + Api.JSON.readTree(body).path("id").asText());
                    lastAcceptNanos.accumulateAndGet(System.nanoTime(), Math::max);
                    (outcome.equals("CREATED") ? created : outcome.equals("EXISTING") ? existing : other).incrementAndGet();
                } else other.incrementAndGet();
                return;
            } catch (IOException e) {
                retries.incrementAndGet();
                Thread.sleep(500);
            }
        }
    }

    static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
