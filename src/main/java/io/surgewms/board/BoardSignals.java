package io.surgewms.board;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hears the floor change, whichever instance changed it: the database's statement triggers bump the
 * sequence {@code board_change} (V43; NOTIFY made every floor commit queue on one lock), and every
 * instance polls it on one connection of its own. A bump is seen before the transaction that made it
 * commits, so a move is answered twice: at once, and once more {@link #SETTLE_MS} later, by when the
 * floor's short transactions have committed. Lost connection: reconnect with backoff, and treat the gap
 * as a change.
 */
@ApplicationScoped
public class BoardSignals {
    private static final Logger LOG = Logger.getLogger(BoardSignals.class);
    static final long POLL_MS = 100;
    static final long SETTLE_MS = 1000;

    @Inject AgroalDataSource db;
    @Inject BoardFeed feed;

    private volatile boolean running;
    private volatile boolean listening;
    private final AtomicLong heard = new AtomicLong();
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        running = true;
        thread = new Thread(this::listen, "board-listen");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) thread.interrupt();
    }

    /** Whether this instance is hearing the floor now (readiness of the live board). */
    public boolean listening() {
        return listening;
    }

    /** Changes heard since start. */
    public long heard() {
        return heard.get();
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection c = db.getConnection();
                 PreparedStatement ps = c.prepareStatement("select last_value, is_called from board_change")) {
                listening = true;
                backoff = 500;
                feed.changed();
                long seen = read(ps), settleAt = 0;
                while (running) {
                    Thread.sleep(POLL_MS);
                    long now = read(ps);
                    if (now != seen) {
                        seen = now;
                        heard.incrementAndGet();
                        feed.changed();
                        settleAt = System.nanoTime() + SETTLE_MS * 1_000_000;
                    } else if (settleAt != 0 && System.nanoTime() - settleAt >= 0) {
                        settleAt = 0;
                        feed.changed();
                    }
                }
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                listening = false;
                if (!running) return;
                LOG.warnf("board: not hearing floor changes (%s); retrying in %d ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        listening = false;
    }

    /** The sequence's position; a never-used sequence reads as 0. */
    private static long read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(2) ? rs.getLong(1) : 0;
        }
    }
}
