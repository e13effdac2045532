package io.surgewms.picking;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who picks what. Claiming takes the most urgent open task nobody holds with SKIP LOCKED, so any
 * number of pickers and instances never get the same task and never wait on each other. A task with a
 * stop waiting for an open replenishment (io.surgewms.inventory.replenishment) is not claimable until
 * the pick face is refilled: replenishment goes first.
 */
@ApplicationScoped
public class TaskService {

    private static final Logger LOG = Logger.getLogger(TaskService.class);

    @Inject AgroalDataSource db;

    /** The picker's current task, else the most urgent open one (in the picker's zone, if given); null when there is no work. */
    public TaskView claim(String picker, String zone) {
        if (picker == null || picker.isBlank()) throw ProblemException.invalid("picker", "required");
        Long id = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Long held = current(c, picker);
                if (held != null) return held;
                Long paused = paused(c, picker); // back from a break, on any device: the same task again
                if (paused != null) return paused;
                try (PreparedStatement ps = c.prepareStatement("""
                        update pick_task set status = 'CLAIMED', picker = ?, claimed_at = now(), heartbeat_at = now()
                         where id = (select t.id from pick_task t join wave w on w.id = t.wave_id
                                      where t.status = 'OPEN' and w.status = 'RELEASED'
                                        and (cast(? as text) is null or t.zone = ?)
                                        and not exists (select 1 from pick_stop s join replenishment_stop rs on rs.stop_id = s.id
                                                          join replenishment_task r on r.id = rs.task_id
                                                         where s.task_id = t.id and r.status in ('OPEN','CLAIMED'))
                                      order by t.priority desc, t.urgency, t.id
                                      limit 1 for update of t skip locked)
                        returning id""")) {
                    ps.setString(1, picker);
                    ps.setString(2, zone);
                    ps.setString(3, zone);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) return null;
                        long taskId = rs.getLong(1);
                        markOrdersPicking(c, taskId, picker);
                        return taskId;
                    }
                }
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return id == null ? null : view(id);
    }

    /** Pause keeps the task with its picker (a break); release gives it back to the pool; reassign hands it over. */
    public TaskView pause(long taskId) {
        return change(taskId, "update pick_task set status = 'PAUSED', heartbeat_at = now() where status in ('CLAIMED','PAUSED') and id = ?", null);
    }

    public TaskView resume(long taskId, String picker) {
        if (picker == null || picker.isBlank()) throw ProblemException.invalid("picker", "required");
        return change(taskId, "update pick_task set status = 'CLAIMED', heartbeat_at = now() where status = 'PAUSED' and picker = ? and id = ?", picker);
    }

    public TaskView release(long taskId) {
        return change(taskId, "update pick_task set status = 'OPEN', picker = null where status in ('CLAIMED','PAUSED','OPEN') and id = ?", null);
    }

    public TaskView reassign(long taskId, String picker) {
        if (picker == null || picker.isBlank()) throw ProblemException.invalid("picker", "required");
        return change(taskId, """
                update pick_task set status = 'CLAIMED', picker = ?, claimed_at = now(), heartbeat_at = now()
                 where status in ('OPEN','CLAIMED','PAUSED') and id = ?""", picker);
    }

    /** Runs a status change whose parameters are (picker?, taskId); 409 when the task is not in a state it applies to. */
    private TaskView change(long taskId, String sql, String picker) {
        Tx.retrying(() -> {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (picker != null) ps.setString(i++, picker);
                ps.setLong(i, taskId);
                if (ps.executeUpdate() == 0) {
                    TaskView t = view(taskId); // 404 when missing
                    throw ProblemException.conflict("Task " + taskId + " is " + t.status() + (t.picker() != null ? " (" + t.picker() + ")" : "")
                            + "; that change does not apply");
                }
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return view(taskId);
    }

    /** Tasks whose picker went silent (or whose break lasted twice as long) return to the pool; what was picked stays picked. */
    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void returnAbandoned() {
        try {
            int n = returnAbandonedNow();
            if (n > 0) LOG.infof("%d abandoned pick task(s) returned to the pool", n);
        } catch (RuntimeException e) {
            LOG.warn("Could not return abandoned tasks: " + e.getMessage());
        }
    }

    public int returnAbandonedNow() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update pick_task set status = 'OPEN', picker = null
                 where (status = 'CLAIMED' and heartbeat_at < now() - make_interval(secs => (select claim_timeout_s from picking_policy where id = 1)))
                    or (status = 'PAUSED' and heartbeat_at < now() - make_interval(secs => 2 * (select claim_timeout_s from picking_policy where id = 1)))""")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Long paused(Connection c, String picker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update pick_task set status = 'CLAIMED', heartbeat_at = now()
                 where id = (select id from pick_task where picker = ? and status = 'PAUSED' order by claimed_at limit 1)
                returning id""")) {
            ps.setString(1, picker);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }

    static Long current(Connection c, String picker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id from pick_task where picker = ? and status = 'CLAIMED' order by claimed_at limit 1")) {
            ps.setString(1, picker);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }

    private static void markOrdersPicking(Connection c, long taskId, String picker) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                update orders set status = 'PICKING', updated_at = now()
                 where status = 'RELEASED' and id in (select a.order_id from allocation a join pick_stop s on s.id = a.stop_id where s.task_id = ?)
                returning id""")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) ids.add(rs.getLong(1)); }
        }
        WaveService.orderEvents(c, ids, "RELEASED", "PICKING", "picker:" + picker, "task " + taskId);
    }

    public TaskView view(long taskId) {
        try (Connection c = db.getConnection()) {
            return view(c, taskId);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static TaskView view(Connection c, long taskId) throws SQLException {
        long waveId;
        String kind, status, picker;
        double route;
        int units;
        try (PreparedStatement ps = c.prepareStatement("select wave_id, kind, status, picker, route_m, units from pick_task where id = ?")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No pick task " + taskId);
                waveId = rs.getLong(1); kind = rs.getString(2); status = rs.getString(3); picker = rs.getString(4);
                route = rs.getDouble(5); units = rs.getInt(6);
            }
        }
        List<TaskView.StopView> stops = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.id, s.seq, l.code, s.sku, p.name, s.quantity, s.picked, t.code, s.order_id, s.phase
                  from pick_stop s join location l on l.id = s.location_id join location t on t.id = s.tote_id
                  join product p on p.id = s.product_id
                 where s.task_id = ? order by s.seq""")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long oid = rs.getLong(9);
                    Long orderId = rs.wasNull() ? null : oid; // a bulk stop serves many orders
                    stops.add(new TaskView.StopView(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6), rs.getInt(7), rs.getString(8), orderId, rs.getString(10)));
                }
            }
        }
        int picked = 0, done = 0;
        TaskView.StopView next = null;
        for (TaskView.StopView s : stops) {
            if (s.phase().equals("DONE") || s.phase().equals("SHORT") || s.phase().equals("DROPPED")) {
                done++;
                picked += s.phase().equals("DONE") ? s.picked() : 0;
            }
            else if (next == null) next = s;
        }
        String expect = next == null ? "DONE" : next.phase();
        return new TaskView(taskId, waveId, kind, status, picker, route, units, picked, done, stops, next, expect);
    }
}
