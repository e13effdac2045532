package io.surgewms.board;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hears the floor change, whichever instance changed it: the database's statement triggers
 * (V33__board.sql) NOTIFY 'surge_board' at each commit that touches the floor, and every instance
 * LISTENs on one connection of its own. Lost connection: reconnect with backoff, and treat the
 * gap as a change (notifications sent meanwhile are gone).
 */
@ApplicationScoped
public class BoardSignals {
    private static final Logger LOG = Logger.getLogger(BoardSignals.class);
    static final String CHANNEL = "surge_board";

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

    /** Whether this instance is listening now (readiness of the live board). */
    public boolean listening() {
        return listening;
    }

    /** Notifications heard since start. */
    public long heard() {
        return heard.get();
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection c = db.getConnection()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                backoff = 500;
                feed.changed();
                while (running) {
                    PGNotification[] n = pg.getNotifications(1000);
                    if (n != null && n.length > 0) {
                        heard.addAndGet(n.length);
                        feed.changed();
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (!running) return;
                LOG.warnf("board: not listening for floor changes (%s); retrying in %d ms", e.getMessage(), backoff);
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
}
