package io.surgewms.bench.ship;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.shipping.easypost.FakeEasyPost;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The test suite's EasyPost fake ({@link FakeEasyPost}, API v2) as a carrier on a bad day: every call, label files
 * too, is answered after a delay, and a share of them fail with 503 before anything is done.
 */
public final class SlowEasyPost implements AutoCloseable {
    public final FakeEasyPost fake;
    public final AtomicInteger calls = new AtomicInteger(), failed = new AtomicInteger();
    private final SplittableRandom random = new SplittableRandom(18_11);

    public SlowEasyPost(long delayMs, double failShare) throws IOException {
        fake = new FakeEasyPost();
        fake.keepCalls = false;
        fake.gate = (method, path) -> {
            calls.incrementAndGet();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean fail;
            synchronized (random) { fail = random.nextDouble() < failShare; }
            if (!fail) return 0;
            failed.incrementAndGet();
            return 503;
        };
    }

    public String baseUrl() { return fake.baseUrl(); }

    public int purchases() { return fake.purchases.get(); }

    /** Parcel keys (shipment references) EasyPost sold postage for more than once. */
    public Map<String, Integer> boughtTwice() {
        return fake.purchasesByReference.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** References of bought shipments whose refund EasyPost took. */
    public Set<String> refunded() {
        return fake.shipments.values().stream().filter(s -> !s.path("postage_label").isNull() && !s.path("refund_status").isNull())
                .map(s -> s.path("reference").asText()).collect(Collectors.toSet());
    }

    /** Tracking number of each bought shipment, by reference (the last one if bought twice). */
    public Map<String, String> trackingByReference() {
        return fake.shipments.values().stream().filter(s -> !s.path("postage_label").isNull())
                .collect(Collectors.toMap(s -> s.path("reference").asText(), (ObjectNode s) -> s.path("tracking_code").asText(), (a, b) -> b));
    }

    @Override
    public void close() { fake.close(); }
}
