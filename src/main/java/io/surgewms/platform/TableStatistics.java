package io.surgewms.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps planner statistics of the fast-growing tables fresh when the server's autovacuum is off.
 * Without them PostgreSQL keeps plans made while the tables were empty (sequential scans behind
 * every foreign-key check) and a spike on a fresh install slows down as the tables grow.
 *
 * <p>A table is analyzed by autovacuum's own rule (the server's {@code autovacuum_analyze_threshold}
 * + {@code autovacuum_analyze_scale_factor} × its rows changed since the last analyze), not all of
 * them every minute: in the spike drill that blanket ANALYZE took 0.4–0.5 s of a core each minute.
 */
@ApplicationScoped
public class TableStatistics {

    private static final Logger LOG = Logger.getLogger(TableStatistics.class);
    static final List<String> HOT_TABLES = List.of("orders", "order_line", "allocation", "order_event", "stock_ledger", "stock");

    private static final String DUE = """
            select t.relname from pg_stat_user_tables t join pg_class c on c.oid = t.relid
             where t.schemaname = current_schema() and t.relname = any(?)
               and t.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
                                         + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0)
             order by t.relname""";

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
            LOG.warn("PostgreSQL runs with autovacuum off: Surge WMS will ANALYZE its busiest tables as autovacuum would. Turn autovacuum on in production.");
            analyzeDue();
        }
    }

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (autovacuumOff) analyzeDue();
    }

    /** The hot tables autovacuum would analyze now. */
    List<String> due() throws SQLException {
        try (Connection c = db.getConnection()) {
            return due(c);
        }
    }

    private static List<String> due(Connection c) throws SQLException {
        List<String> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DUE)) {
            ps.setArray(1, c.createArrayOf("text", HOT_TABLES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) due.add(rs.getString(1));
            }
        }
        return due;
    }

    /** Analyzes the tables that are due; returns them. */
    List<String> analyzeDue() {
        try (Connection c = db.getConnection()) {
            List<String> due = due(c);
            if (!due.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute("analyze " + String.join(", ", due)); // names from HOT_TABLES only
                }
            }
            return due;
        } catch (SQLException e) {
            LOG.debug("analyze failed: " + e.getMessage());
            return List.of();
        }
    }
}
