package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.intake.tiktok.TikTokSignature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TikTok Shop's side of the spike: buyers take one unit of a viral listing at a rising rate (the same ramp as
 * Shopify's), as long as TikTok's listing still shows stock ({@link Market#sell}). Each sale is an order in the fake
 * TikTok Shop and a signed ORDER_STATUS_CHANGE webhook; 30% arrive ON_HOLD (the buyer's cancellation window) and
 * 3–12 s later are released (AWAITING_SHIPMENT) or, one in six, CANCELLED (~5% of TikTok's orders): a second webhook,
 * and a cancelled unit goes back on TikTok's listing. Failed calls (service down, 5xx) are sent again, as TikTok does.
 */
public final class TikTokBuyers {
    static final long ID_BASE = 576_000_000_000_000_000L;

    final URI endpoint;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    final FakeTikTokShop shop;
    final Market market;
    final List<Market.Listing> listings;
    final int[] weights;
    final int total;
    final double seconds, r0, r1;
    public final Set<String> accepted = ConcurrentHashMap.newKeySet();
    public final Latencies latency = new Latencies();
    public final AtomicInteger sold = new AtomicInteger(), soldOut = new AtomicInteger(), held = new AtomicInteger(), released = new AtomicInteger(),
            cancelled = new AtomicInteger(), calls = new AtomicInteger(), retries = new AtomicInteger(), refused = new AtomicInteger(),
            notTaken = new AtomicInteger();
    public final AtomicLong lastAcceptNanos = new AtomicLong();
    public volatile boolean stop;
    private final AtomicInteger next = new AtomicInteger(), notifications = new AtomicInteger();
    private final DelayQueue<Later> later = new DelayQueue<>();

    record Later(long at, String id, Market.Listing listing, boolean cancel) implements Delayed {
        public long getDelay(TimeUnit u) { return u.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS); }
        public int compareTo(Delayed o) { return Long.compare(at, ((Later) o).at); }
    }

    /** listings with their weights (percent of buyers), e.g. 50/30/20 as Shopify's viral singles. */
    public TikTokBuyers(URI base, FakeTikTokShop shop, Market market, List<Market.Listing> listings, int[] weights, int total, double seconds) {
        this.endpoint = base.resolve("/api/channels/tiktok/webhook");
        this.shop = shop;
        this.market = market;
        this.listings = listings;
        this.weights = weights;
        this.total = total;
        this.seconds = seconds;
        this.r0 = 0.2 * total / seconds;
        this.r1 = 1.8 * total / seconds;
    }

    public String rates() { return String.format("%.0f/s rising to %.0f/s", r0, r1); }

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
                        long wait = t0 + (long) (due(i) * 1e9) - System.nanoTime();
                        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                        buy(i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tiktok-buyer-" + s);
            t.start();
            threads.add(t);
        }
        for (int s = 0; s < 4; s++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop) {
                        Later l = later.poll(500, TimeUnit.MILLISECONDS);
                        if (l != null) follow(l);
                        else if (next.get() >= total && later.isEmpty()) break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tiktok-later-" + s);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    void buy(int i) throws InterruptedException {
        int p = Math.floorMod(i * 7919 + 13, 100), at = 0, k = 0;
        while (k < weights.length - 1 && p >= at + weights[k]) at += weights[k++];
        Market.Listing l = listings.get(k);
        if (!market.sell(l)) { soldOut.incrementAndGet(); return; }
        sold.incrementAndGet();
        String id = Long.toString(ID_BASE + i);
        boolean hold = i % 10 == 1 || i % 10 == 4 || i % 10 == 7;
        String status = hold ? "ON_HOLD" : "AWAITING_SHIPMENT";
        shop.create(id, l.id, l.components.keySet().iterator().next(), status, i);
        if (hold) {
            held.incrementAndGet();
            long delay = 3_000_000_000L + (long) Math.floorMod(i * 104729, 9000) * 1_000_000L;
            later.add(new Later(System.nanoTime() + delay, id, l, (i / 10) % 6 == 0));
        }
        String outcome = send(id, status);
        if (outcome != null && !outcome.equals("CREATED") && !outcome.equals("EXISTING") && !outcome.equals("RELEASED") && !outcome.equals("CANCELLED"))
            notTaken.incrementAndGet();
    }

    void follow(Later l) throws InterruptedException {
        String status = l.cancel ? "CANCELLED" : "AWAITING_SHIPMENT";
        shop.status(l.id, status);
        if (l.cancel) { market.cancelled(l.listing); cancelled.incrementAndGet(); } else released.incrementAndGet();
        send(l.id, status);
    }

    /** The signed notification, sent until the service answers; the outcome it gave (null when the drill stopped). */
    String send(String orderId, String status) throws InterruptedException {
        String body = """
                {"type":1,"tts_notification_id":"%d","shop_id":"%s","timestamp":%d,"data":{"order_id":"%s","order_status":"%s","update_time":%d}}"""
                .formatted(7_300_000_000_000L + notifications.incrementAndGet(), FakeTikTokShop.SHOP_ID, System.currentTimeMillis() / 1000,
                        orderId, status, shop.updateTime(orderId));
        String sign = TikTokSignature.webhook(FakeTikTokShop.APP_KEY, FakeTikTokShop.SECRET, body);
        while (!stop) {
            calls.incrementAndGet();
            HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", sign).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            long t = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - t;
                if (r.statusCode() >= 500) { retries.incrementAndGet(); Thread.sleep(500); continue; }
                latency.add(took);
                if (r.statusCode() / 100 != 2) { refused.incrementAndGet(); return "HTTP " + r.statusCode(); }
                JsonNode n = Api.JSON.readTree(r.body());
                if (n.hasNonNull("orderId") && !status.equals("CANCELLED")) {
                    accepted.add("glow:" + orderId);
                    lastAcceptNanos.accumulateAndGet(System.nanoTime(), Math::max);
                }
                return n.path("outcome").asText();
            } catch (IOException e) {
                retries.incrementAndGet();
                Thread.sleep(500);
            }
        }
        return null;
    }
}
