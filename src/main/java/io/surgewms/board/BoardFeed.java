package io.surgewms.board;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes the board to every open board page. A change signal marks the board stale; one thread
 * recomputes it at most every {@code surge.board.min-interval} (a spike of scans is one refresh, not
 * hundreds) and at least every {@code surge.board.refresh} (ETAs and idle times move with the clock),
 * and only while someone is watching. One stream per shop filter ("" = the whole floor).
 */
@ApplicationScoped
public class BoardFeed {
    private static final Logger LOG = Logger.getLogger(BoardFeed.class);

    @Inject BoardService service;

    @ConfigProperty(name = "surge.board.min-interval", defaultValue = "PT0.2S") Duration minInterval;
    @ConfigProperty(name = "surge.board.refresh", defaultValue = "PT5S") Duration refresh;

    private record Watchers(BroadcastProcessor<BoardView> stream, AtomicInteger count) {}

    private final Map<String, Watchers> watchers = new ConcurrentHashMap<>();
    private final Semaphore stale = new Semaphore(0);
    private volatile boolean running;
    private volatile long lastFailureLog;
    private volatile long computeMillis;
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        running = true;
        thread = new Thread(this::loop, "board-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) thread.interrupt();
        watchers.values().forEach(w -> w.stream().onComplete());
    }

    /** Something on the floor changed (here or on another instance). */
    public void changed() {
        if (stale.availablePermits() == 0) stale.release();
    }

    /** The board for a shop ("" or null: all), as it changes. The first board follows at once. */
    public Multi<BoardView> subscribe(String shop) {
        String key = shop == null ? "" : shop;
        Watchers w = watchers.computeIfAbsent(key, k -> new Watchers(BroadcastProcessor.create(), new AtomicInteger()));
        return w.stream()
                .onSubscription().invoke(() -> { w.count().incrementAndGet(); changed(); })
                .onTermination().invoke(() -> w.count().decrementAndGet());
    }

    int watching() {
        return watchers.values().stream().mapToInt(w -> w.count().get()).sum();
    }

    private void loop() {
        long last = 0;
        while (running) {
            try {
                stale.tryAcquire(refresh.toMillis(), TimeUnit.MILLISECONDS);
                long wait = last + pause() - System.currentTimeMillis();
                if (wait > 0) Thread.sleep(wait);
                stale.drainPermits();
                last = System.currentTimeMillis();
                watchers.forEach(this::publish);
                computeMillis = System.currentTimeMillis() - last;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The pause between two boards: the configured minimum, but at least 4× what the last board cost,
     * so a large backlog in a spike costs the floor at most a fifth of a core; capped so a scan still
     * reaches the screen within a second.
     */
    long pause() {
        return Math.min(Math.max(minInterval.toMillis(), 4 * computeMillis), 800);
    }

    private void publish(String shop, Watchers w) {
        if (w.count().get() <= 0) return;
        try {
            w.stream().onNext(service.board(shop.isEmpty() ? null : shop));
        } catch (RuntimeException e) {
            // the database is away or the shop was removed: say so once a minute, keep the stream open
            if (System.currentTimeMillis() - lastFailureLog > 60_000) {
                lastFailureLog = System.currentTimeMillis();
                LOG.warnf("board: cannot compute the board for '%s': %s", shop, e.getMessage());
            }
        }
    }
}
