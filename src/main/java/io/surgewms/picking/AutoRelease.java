package io.surgewms.picking;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * When a supervisor switches automatic release on, a new wave is released whenever the pool of
 * unclaimed tasks runs low, so pickers never stand waiting and urgent orders never sit unplanned.
 */
@ApplicationScoped
public class AutoRelease {

    private static final Logger LOG = Logger.getLogger(AutoRelease.class);

    /** Fewer unclaimed tasks than this and the next wave goes out. */
    static final int LOW_WATER = 3;

    @Inject AgroalDataSource db;
    @Inject PickingPolicyService policies;
    @Inject WaveService waves;

    @Scheduled(every = "20s", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Automatic wave release failed: " + e.getMessage());
        }
    }

    /** Releases one wave if the policy asks for it and the pool is low; answers the wave or null. */
    public WaveService.WaveSummary run() {
        if (!policies.get().autoRelease() || openTasks() >= LOW_WATER) return null;
        WaveService.WaveSummary w = waves.plan(new WaveService.PlanRequest(null, null, null, null, true, null), "system:auto-release");
        if (w != null) LOG.infof("Auto-released wave %d: %d orders, %d units, %d tasks", w.id(), w.orders(), w.units(), w.tasks());
        return w;
    }

    private int openTasks() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select count(*) from pick_task t join wave w on w.id = t.wave_id where t.status = 'OPEN' and w.status = 'RELEASED'""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
