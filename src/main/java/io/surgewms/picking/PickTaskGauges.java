package io.surgewms.picking;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.SnapshotGauge;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code surge.pick.tasks{status}}: pick tasks not yet done (open, claimed, paused), from one query on a schedule, never per scrape. */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class PickTaskGauges {

    private static final Logger LOG = Logger.getLogger(PickTaskGauges.class);
    static final List<String> OPEN_STATUSES = List.of("OPEN", "CLAIMED", "PAUSED");

    @Inject AgroalDataSource db;
    @Inject MeterRegistry meters;

    private SnapshotGauge tasks;

    @PostConstruct
    void register() {
        tasks = new SnapshotGauge(meters, "surge.pick.tasks", "Pick tasks not yet done, by status");
    }

    @Scheduled(every = "${surge.metrics.refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debug("Pick task gauges not refreshed: " + e.getMessage());
        }
    }

    /** Counts the tasks per status and updates the gauge; answers the counts. */
    public synchronized Map<String, Long> refresh() {
        Map<String, Long> counts = new HashMap<>();
        OPEN_STATUSES.forEach(s -> counts.put(s, 0L));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select status, count(*) from pick_task where status in ('OPEN','CLAIMED','PAUSED') group by status");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<Tags, Long> rows = new HashMap<>();
        counts.forEach((s, n) -> rows.put(Tags.of("status", s.toLowerCase(Locale.ROOT)), n));
        tasks.update(rows);
        return counts;
    }
}
