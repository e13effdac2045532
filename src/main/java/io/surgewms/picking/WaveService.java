package io.surgewms.picking;

import io.agroal.api.AgroalDataSource;
import io.surgewms.inventory.replenishment.Replenishment;
import io.surgewms.picking.planning.WaveInput;
import io.surgewms.picking.planning.WavePlan;
import io.surgewms.picking.planning.WavePlanner;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Sql;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns allocated orders into a wave: loads the most urgent ones with their reservations, lets the
 * planner batch them, routes every task, assigns free totes, and writes it all in one transaction.
 * One planner at a time across instances (advisory lock); orders are locked so a cancel cannot slip in.
 */
@ApplicationScoped
public class WaveService {

    @Inject AgroalDataSource db;
    @Inject RouteSequencer sequencer;
    @Inject PickingPolicyService policies;

    private final WavePlanner planner = new WavePlanner();

    /** Caps override the policy; {@code shop} plans one seller's orders only (a 3PL floor often waves per client). */
    public record PlanRequest(Integer maxOrders, Integer maxUnits, Integer maxTotes, Integer cartTotes, Boolean release, String shop) {}

    public record WaveSummary(long id, String status, int orders, int units, int totes, int tasks, Instant earliestDeadline,
                              Instant createdAt, Instant releasedAt, int tasksDone, int unitsPicked) {}

    private record Stop(WavePlan.Stop s, int pickSeq) implements RouteSequencer.Placed {
        public String zone() { return s.zone(); }
        public int aisle() { return s.aisle(); }
        public int bay() { return s.bay(); }
    }

    /** Plans the next wave; answers null when no allocated order is waiting. */
    public WaveSummary plan(PlanRequest req, String actor) {
        positive(req.maxOrders(), "maxOrders");
        positive(req.maxUnits(), "maxUnits");
        positive(req.maxTotes(), "maxTotes");
        positive(req.cartTotes(), "cartTotes");
        if (req.cartTotes() != null && req.cartTotes() > 48) throw ProblemException.invalid("cartTotes", "must be between 1 and 48");
        PickingPolicyService.Policy p = policies.get();
        WaveInput.Caps caps = new WaveInput.Caps(or(req.maxOrders(), p.maxOrders()), or(req.maxUnits(), p.maxUnits()),
                or(req.maxTotes(), p.maxTotes()), or(req.cartTotes(), p.cartTotes()), p.bulkTaskUnits());
        boolean release = req.release() == null || req.release();
        Long waveId = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                return plan(c, caps, p.horizonHours(), release, req.shop(), actor);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return waveId == null ? null : get(waveId);
    }

    Long plan(Connection c, WaveInput.Caps caps, int horizonHours, boolean release, String shop, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('surge:wave-planning'))")) {
            ps.execute();
        }
        // A wave never asks for more totes than stand free: it is cut to fit them.
        List<Long> totes = freeTotes(c, caps.maxTotes());
        if (totes.isEmpty())
            throw ProblemException.conflict("No free tote: empty totes or add tote locations (kind TOTE) before planning a wave");
        caps = new WaveInput.Caps(caps.maxOrders(), caps.maxUnits(), totes.size(), caps.cartTotes(), caps.maxUnitsPerBulkTask());
        Map<Long, Integer> pickSeq = new LinkedHashMap<>();
        List<WaveInput.Order> waiting = waiting(c, caps.maxOrders() * 2, horizonHours, shop, pickSeq);
        if (waiting.isEmpty()) return null;
        WavePlan plan = planner.plan(waiting, caps);
        if (plan.tasks().isEmpty()) return null;

        Instant earliest = waiting.stream().filter(o -> plan.orderIds().contains(o.orderId())).map(WaveInput.Order::shipBy)
                .min(Instant::compareTo).orElse(null);
        long waveId;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into wave (status, orders, units, totes, earliest_deadline, created_by, released_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")) {
            ps.setString(1, release ? "RELEASED" : "PLANNED");
            ps.setInt(2, plan.orderIds().size());
            ps.setInt(3, plan.units());
            ps.setInt(4, plan.totes());
            ps.setTimestamp(5, earliest == null ? null : Timestamp.from(earliest));
            ps.setString(6, actor);
            ps.setTimestamp(7, release ? Timestamp.from(Instant.now()) : null);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); waveId = rs.getLong(1); }
        }
        Map<Long, Instant> shipBy = new LinkedHashMap<>();
        Map<Long, Integer> priority = new LinkedHashMap<>();
        for (WaveInput.Order o : waiting) { shipBy.put(o.orderId(), o.shipBy()); priority.put(o.orderId(), o.priority()); }

        int toteCursor = 0;
        for (WavePlan.Task t : plan.tasks()) {
            List<Stop> stops = new ArrayList<>();
            for (WavePlan.Stop s : t.stops()) stops.add(new Stop(s, pickSeq.getOrDefault(s.locationId(), 0)));
            RouteSequencer.Sequenced<Stop> routed = sequencer.sequence(c, stops);
            Instant urgency = t.orderIds().stream().map(shipBy::get).min(Instant::compareTo).orElseThrow();
            int prio = t.orderIds().stream().mapToInt(priority::get).max().orElse(0);
            long taskId;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into pick_task (wave_id, kind, status, zone, urgency, priority, route_m, units)
                    values (?, ?, 'OPEN', ?, ?, ?, ?, ?) returning id""")) {
                ps.setLong(1, waveId);
                ps.setString(2, t.kind().name());
                ps.setString(3, t.stops().get(0).zone());
                ps.setTimestamp(4, Timestamp.from(urgency));
                ps.setInt(5, prio);
                ps.setDouble(6, routed.metres());
                ps.setInt(7, t.units());
                try (ResultSet rs = ps.executeQuery()) { rs.next(); taskId = rs.getLong(1); }
            }
            List<Long> taskTotes = totes.subList(toteCursor, toteCursor + t.totes());
            toteCursor += t.totes();
            int seq = 1;
            for (Stop s : routed.stops()) {
                long stopId;
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into pick_stop (task_id, seq, location_id, product_id, sku, quantity, tote_id, order_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
                    ps.setLong(1, taskId);
                    ps.setInt(2, seq++);
                    ps.setLong(3, s.s().locationId());
                    ps.setLong(4, s.s().productId());
                    ps.setString(5, s.s().sku());
                    ps.setInt(6, s.s().quantity());
                    ps.setLong(7, taskTotes.get(s.s().toteSlot()));
                    ps.setObject(8, s.s().orderId());
                    try (ResultSet rs = ps.executeQuery()) { rs.next(); stopId = rs.getLong(1); }
                }
                try (PreparedStatement ps = c.prepareStatement("update allocation set stop_id = ? where id = any(?)")) {
                    ps.setLong(1, stopId);
                    ps.setArray(2, Sql.longs(c, s.s().allocationIds()));
                    ps.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("update orders set wave_id = ?, status = ?, updated_at = now() where id = any(?)")) {
            ps.setLong(1, waveId);
            ps.setString(2, release ? "RELEASED" : "ALLOCATED");
            ps.setArray(3, Sql.longs(c, plan.orderIds()));
            ps.executeUpdate();
        }
        if (release) {
            orderEvents(c, plan.orderIds(), "ALLOCATED", "RELEASED", actor, "wave " + waveId);
            Replenishment.forWave(c, waveId, actor); // stops at reserve wait for their pick face to be refilled
        }
        return waveId;
    }

    /** Releases a planned wave: its orders become RELEASED and its tasks claimable. */
    public WaveSummary release(long waveId, String actor) {
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                String status;
                try (PreparedStatement ps = c.prepareStatement("select status from wave where id = ? for update")) {
                    ps.setLong(1, waveId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw ProblemException.notFound("No wave " + waveId);
                        status = rs.getString(1);
                    }
                }
                if (status.equals("RELEASED")) return null;
                if (!status.equals("PLANNED")) throw ProblemException.conflict("Wave " + waveId + " is " + status + ", not PLANNED");
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "update orders set status = 'RELEASED', updated_at = now() where wave_id = ? and status = 'ALLOCATED' returning id")) {
                    ps.setLong(1, waveId);
                    try (ResultSet rs = ps.executeQuery()) { while (rs.next()) ids.add(rs.getLong(1)); }
                }
                try (PreparedStatement ps = c.prepareStatement("update wave set status = 'RELEASED', released_at = now() where id = ?")) {
                    ps.setLong(1, waveId);
                    ps.executeUpdate();
                }
                orderEvents(c, ids, "ALLOCATED", "RELEASED", actor, "wave " + waveId);
                Replenishment.forWave(c, waveId, actor);
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return get(waveId);
    }

    /**
     * A supervisor moves a wave up or down: its unfinished tasks take the priority (claims go by
     * priority, then urgency), so pickers reach it next. Tasks already in a picker's hands stay there.
     */
    public WaveSummary prioritize(long waveId, int priority) {
        if (priority < -9 || priority > 9) throw ProblemException.invalid("priority", "between -9 and 9");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                with w as (select id from wave where id = ?)
                update pick_task t set priority = ? from w where t.wave_id = w.id and t.status in ('OPEN','CLAIMED','PAUSED')""");
             PreparedStatement exists = c.prepareStatement("select status from wave where id = ?")) {
            exists.setLong(1, waveId);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No wave " + waveId);
                String status = rs.getString(1);
                if (status.equals("COMPLETED") || status.equals("CANCELLED"))
                    throw ProblemException.conflict("Wave " + waveId + " is " + status + ": nothing left to prioritize");
            }
            ps.setLong(1, waveId);
            ps.setInt(2, priority);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        return get(waveId);
    }

    public WaveSummary get(long waveId) {
        List<WaveSummary> l = list(waveId, null, 1);
        if (l.isEmpty()) throw ProblemException.notFound("No wave " + waveId);
        return l.get(0);
    }

    public List<WaveSummary> list(Long id, String status, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select w.id, w.status, w.orders, w.units, w.totes, (select count(*) from pick_task t where t.wave_id = w.id),
                       w.earliest_deadline, w.created_at, w.released_at,
                       (select count(*) from pick_task t where t.wave_id = w.id and t.status = 'DONE'),
                       (select coalesce(sum(s.picked), 0) from pick_stop s join pick_task t on t.id = s.task_id
                         where t.wave_id = w.id and s.phase = 'DONE')
                  from wave w
                 where (cast(? as bigint) is null or w.id = ?) and (cast(? as text) is null or w.status = ?)
                 order by w.id desc limit ?""")) {
            ps.setObject(1, id, java.sql.Types.BIGINT);
            ps.setObject(2, id, java.sql.Types.BIGINT);
            ps.setString(3, status);
            ps.setString(4, status);
            ps.setInt(5, limit);
            List<WaveSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new WaveSummary(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                        rs.getInt(10), rs.getInt(11)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The most urgent allocated orders not in a wave, locked, with their active reservations. Urgency is
     * the order's deadline: its ship-by, or its carrier's last pickup before that (carrier_cutoff).
     */
    private static List<WaveInput.Order> waiting(Connection c, int limit, int horizonHours, String shop, Map<Long, Integer> pickSeq) throws SQLException {
        Map<Long, WaveInput.Order> orders = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with o as (select id, order_deadline(ship_by, carrier) as deadline, priority from orders
                            where status = 'ALLOCATED' and wave_id is null and exception is null
                              and ship_by < now() + make_interval(hours => ?)
                              and (cast(? as text) is null or shop_id = (select id from shop where code = ?))
                            order by order_deadline(ship_by, carrier), priority desc, id limit ? for update skip locked)
                select o.id, o.deadline, o.priority, a.id, s.product_id, p.sku, s.location_id, l.zone,
                       coalesce(l.aisle, 0), coalesce(l.bay, 0), a.quantity, l.pick_seq
                  from o join allocation a on a.order_id = o.id and a.status = 'ACTIVE'
                  join stock s on s.id = a.stock_id join location l on l.id = s.location_id join product p on p.id = s.product_id
                 order by o.deadline, o.priority desc, o.id, a.id""")) {
            ps.setInt(1, horizonHours);
            ps.setString(2, shop);
            ps.setString(3, shop);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    WaveInput.Order o = orders.computeIfAbsent(id, k -> {
                        try {
                            return new WaveInput.Order(k, rs.getTimestamp(2).toInstant(), rs.getInt(3), new ArrayList<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    o.picks().add(new WaveInput.Pick(rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getString(8),
                            rs.getInt(9), rs.getInt(10), rs.getInt(11)));
                    pickSeq.put(rs.getLong(7), rs.getInt(12));
                }
            }
        }
        return new ArrayList<>(orders.values());
    }

    /** Totes holding nothing and not assigned to an unfinished stop, locked for this wave. */
    private static List<Long> freeTotes(Connection c, int n) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select l.id from location l
                 where l.kind = 'TOTE' and l.active
                   and not exists (select 1 from stock s where s.location_id = l.id and s.on_hand > 0)
                   and not exists (select 1 from pick_stop ps join pick_task t on t.id = ps.task_id
                                    where ps.tote_id = l.id and t.status not in ('DONE', 'CANCELLED'))
                 order by l.code limit ? for update of l skip locked""")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.add(rs.getLong(1)); }
        }
        return out;
    }

    static void orderEvents(Connection c, List<Long> ids, String from, String to, String actor, String note) throws SQLException {
        if (ids.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into order_event (order_id, from_status, to_status, actor, note)
                select o, ?, ?, ?, ? from unnest(?::bigint[]) o""")) {
            ps.setString(1, from);
            ps.setString(2, to);
            ps.setString(3, actor);
            ps.setString(4, note);
            ps.setArray(5, Sql.longs(c, ids));
            ps.executeUpdate();
        }
    }

    private static Instant instant(Timestamp t) { return t == null ? null : t.toInstant(); }

    private static int or(Integer v, int fallback) { return v == null ? fallback : v; }

    private static void positive(Integer v, String field) {
        if (v != null && v < 1) throw ProblemException.invalid(field, "must be at least 1");
    }
}
