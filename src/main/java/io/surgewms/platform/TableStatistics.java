package io.surgewms.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps planner statistics of the fast-growing tables fresh when the server's autovacuum is off.
 * Without them PostgreSQL keeps plans made while the tables were empty (sequential scans behind
 * every foreign-key check) and a spike on a fresh install slows down as the tables grow.
 */
@ApplicationScoped
public class TableStatistics {

    private static final Logger LOG = Logger.getLogger(TableStatistics.class);
    static final String HOT_TABLES = "orders, order_line, allocation, order_event, stock_ledger, stock";

    @Inject AgroalDataSource db;
    private volatile boolean autovacuumOff;

    void onStart(@Observes StartupEvent ev) {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show autovacuum")) {
            rs.next();
            autovacuumOff = !"on".equals(rs.getString(1));
        } catch (SQLException e) {
            return;
        }
        if (autovacuumOff) {
            LOG.warn("PostgreSQL runs with autovacuum off: Surge WMS will ANALYZE its busiest tables every minute. Turn autovacuum on in production.");
            analyze();
        }
    }

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (autovacuumOff) analyze();
    }

    void analyze() {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("analyze " + HOT_TABLES);
        } catch (SQLException e) {
            LOG.debug("analyze failed: " + e.getMessage());
        }
    }
}
