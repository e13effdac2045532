package io.surgewms.bench.ship;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sees when the service's circuit breaker for the EasyPost account is open: labels waiting with its message as their
 * last error. Each time it opens, no label is bought or voided for its delay (30 s).
 */
public final class BreakerWatch {
    final String dbUrl;
    final long t0 = System.nanoTime();
    public final List<String> openings = java.util.Collections.synchronizedList(new ArrayList<>());
    public volatile boolean stop;

    public BreakerWatch(String dbUrl) { this.dbUrl = dbUrl; }

    public Thread start() {
        Thread t = new Thread(() -> {
            boolean open = false;
            long since = 0;
            while (!stop) {
                try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
                    while (!stop) {
                        boolean now;
                        try (ResultSet rs = c.createStatement().executeQuery("""
                                select exists (select 1 from parcel_label where status in ('PLANNED','VOID_PENDING')
                                                  and last_error like '%circuit open%' and next_attempt > now())""")) {
                            rs.next();
                            now = rs.getBoolean(1);
                        }
                        if (now && !open) since = System.nanoTime();
                        if (!now && open) openings.add(String.format(Locale.ROOT, "at %.0f s for %.0f s", (since - t0) / 1e9, (System.nanoTime() - since) / 1e9));
                        open = now;
                        Thread.sleep(1000);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    try { Thread.sleep(1000); } catch (InterruptedException x) { return; } // the service's database is ours: retry
                }
            }
        }, "breaker-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
