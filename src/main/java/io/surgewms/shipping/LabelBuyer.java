package io.surgewms.shipping;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Tx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Buys and voids labels in the background, so a carrier's latency (0.5-2 s, sometimes down) never sits
 * between a packer's scan and the beep. Any instance may run it: a run claims due rows with SKIP LOCKED and
 * leases them, then calls the providers with no transaction open. A worker killed mid-call leaves its row
 * BUYING until the lease runs out; the next buy repeats the call with the same idempotency key and gets
 * the same label (rates and the provider's shipment id are stored before buying, see {@link LabelPurchase}).
 */
@ApplicationScoped
public class LabelBuyer {

    private static final Logger LOG = Logger.getLogger(LabelBuyer.class);
    static final Duration LEASE = Duration.ofMinutes(2), FIRST_RETRY = Duration.ofSeconds(5), MAX_RETRY = Duration.ofMinutes(10);

    @Inject AgroalDataSource db;
    @Inject LabelPurchase purchase;

    @ConfigProperty(name = "surge.shipping.buyer.enabled", defaultValue = "true") boolean enabled;
    @ConfigProperty(name = "surge.shipping.buyer.batch", defaultValue = "64") int batch;
    /** Calls in flight at once: a label takes 3-4 provider calls of ~1 s each, and a spike packs ~30 parcels a second. */
    @ConfigProperty(name = "surge.shipping.buyer.parallel", defaultValue = "64") int parallel;

    private ExecutorService calls;
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> daemon(r, "label-buyer-wake"));
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    @PostConstruct
    void start() {
        calls = Executors.newFixedThreadPool(Math.max(1, parallel), r -> daemon(r, "label-buyer"));
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
        calls.shutdownNow();
    }

    @Scheduled(every = "${surge.shipping.buyer.every:1s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (enabled) drain();
    }

    /** A packer waits for a label: run now rather than at the next tick (at most one extra run queued). */
    public void wake() {
        if (enabled && wakeQueued.compareAndSet(false, true)) waker.execute(() -> {
            wakeQueued.set(false);
            drain();
        });
    }

    private void drain() {
        try {
            int n;
            do n = runOnce(); while (n == batch);
        } catch (RuntimeException e) {
            LOG.warn("Label buyer run failed; the next run goes on", e);
        }
    }

    /** Claims up to a batch of due labels (urgent first: a packer is waiting) and buys or voids each; answers how many. */
    public int runOnce() {
        List<long[]> due = claim();
        List<Future<?>> running = new ArrayList<>();
        for (long[] row : due) running.add(calls.submit(() -> purchase.handle(row[0], row[1] == 1)));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break; // the rest come back when their lease runs out
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("Label not recorded; it comes back when its lease runs out", e.getCause());
            }
        }
        return due.size();
    }

    /** Rows as {id, 1 if a void}. */
    private List<long[]> claim() {
        try (Connection c = db.getConnection()) {
            return Jdbc.list(c, """
                    update parcel_label l set status = case when l.status = 'VOID_PENDING' then 'VOID_PENDING' else 'BUYING' end,
                           next_attempt = now() + cast(? as interval), attempts = l.attempts + 1
                      from (select id from parcel_label where status in ('PLANNED','BUYING','VOID_PENDING') and next_attempt <= now()
                             order by urgent desc, next_attempt, id limit ? for update skip locked) d
                     where l.id = d.id
                    returning l.id, l.status = 'VOID_PENDING'""",
                    rs -> new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0}, LEASE.toSeconds() + " seconds", batch);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    /** Wait before the next try after this many attempts: 5 s doubling, at most 10 minutes; a provider's Retry-After wins when longer. */
    static Duration backoff(int attempts, Duration retryAfter) {
        Duration d = attempts >= 12 ? MAX_RETRY : FIRST_RETRY.multipliedBy(1L << Math.max(0, attempts - 1));
        if (d.compareTo(MAX_RETRY) > 0) d = MAX_RETRY;
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }

    /** For a label a packer waits for: 1 s doubling, at most 10 s (or the provider's Retry-After). */
    static Duration urgentBackoff(int attempts, Duration retryAfter) {
        Duration d = Duration.ofSeconds(Math.min(10, 1L << Math.min(4, Math.max(0, attempts - 1))));
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
