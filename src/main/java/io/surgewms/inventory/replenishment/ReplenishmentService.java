package io.surgewms.inventory.replenishment;

import io.surgewms.platform.Sql;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.ForbiddenException;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.LocationCode;
import io.surgewms.barcode.ScanText;
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
 * Who replenishes what, and the scan protocol of a replenishment task: claimed with SKIP LOCKED (WAVE tasks
 * first, then priority, then urgency), confirmed from-bin → item → to-bin, every scan recorded.
 */
@ApplicationScoped
public class ReplenishmentService {

    private static final Logger LOG = Logger.getLogger(ReplenishmentService.class);

    @Inject AgroalDataSource db;

    public record Scan(String picker, String device, String code) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String result, String reason, String message, String expect, ReplenishmentTask task) {}

    /** The task under its lock, as the scan protocol needs it. */
    private record Current(long id, String status, String picker, long productId, String sku, String name, long fromId, String from,
                           long toId, String to, int quantity, int picked, String phase) {}

    /** The replenisher's task in hand, else the most urgent open one (of a zone's faces, if given); null when there is none. */
    public ReplenishmentTask claim(String picker, String zone) {
        if (picker == null || picker.isBlank()) throw ProblemException.invalid("picker", "required");
        Long id = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "select id from replenishment_task where picker = ? and status = 'CLAIMED' order by claimed_at, id limit 1")) {
                    ps.setString(1, picker);
                    try (ResultSet rs = ps.executeQuery()) { if (rs.next()) return rs.getLong(1); }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        update replenishment_task set status = 'CLAIMED', picker = ?, claimed_at = now(), heartbeat_at = now()
                         where id = (select r.id from replenishment_task r join location l on l.id = r.to_location_id
                                      where r.status = 'OPEN' and (cast(? as text) is null or l.zone = ?)
                                      order by (r.reason = 'WAVE') desc, r.priority desc, r.urgency nulls last, r.id
                                      limit 1 for update of r skip locked)
                        returning id""")) {
                    ps.setString(1, picker);
                    ps.setString(2, zone);
                    ps.setString(3, zone);
                    try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
                }
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return id == null ? null : get(id);
    }

    public Answer scan(long taskId, Scan s) {
        if (s.picker() == null || s.picker().isBlank()) throw ProblemException.invalid("picker", "required");
        if (s.code() == null) throw ProblemException.invalid("code", "required");
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Current cur = find(c, taskId);
                if (cur == null) { // recorded all the same (invariant 5)
                    Answer none = reject("NO_TASK", "No replenishment task " + taskId + ": claim one first", "CLAIM");
                    record(c, s, null, taskId, none);
                    return none;
                }
                Answer a = decide(c, s, cur);
                record(c, s, cur, taskId, a);
                return new Answer(a.result(), a.reason(), a.message(), a.expect(), view(c, taskId));
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    private Answer decide(Connection c, Scan s, Current cur) throws SQLException {
        String code = ScanText.clean(s.code());
        if (cur.status().equals("DONE") || cur.status().equals("CANCELLED"))
            return reject("TASK_DONE", "Replenishment " + cur.id() + " is " + cur.status(), "DONE");
        if (!cur.status().equals("CLAIMED") || !s.picker().equals(cur.picker()))
            return reject("NOT_YOUR_TASK", "Replenishment " + cur.id() + " is not yours (" + cur.status() + ")", cur.phase());
        heartbeat(c, cur.id());
        if (code.isEmpty()) return reject("UNREADABLE", "Nothing readable was scanned: scan again", cur.phase());
        if (Gtin.looksLikeGtin(code) && !Gtin.isValid(code))
            return reject("BAD_CHECK_DIGIT", "Barcode " + code + " has a wrong check digit: scan again", cur.phase());
        boolean item = isItem(c, cur.productId(), code, cur.sku());
        switch (cur.phase()) {
            case "FROM" -> {
                if (!code.equalsIgnoreCase(cur.from())) {
                    if (item) return reject("SCAN_BIN_FIRST", "Scan the bin " + cur.from() + " first, then the item", "FROM");
                    if (!LocationCode.isPlausibleLocation(code))
                        return reject("NOT_A_BIN", code + " is not a bin label: scan the bin " + cur.from(), "FROM");
                    return reject("WRONG_LOCATION", "Wrong bin " + code + ": take the units from " + cur.from(), "FROM");
                }
                setPhase(c, cur.id(), "ITEM", 0);
                return accept("Take " + cur.quantity() + " × " + cur.sku(), "ITEM");
            }
            case "ITEM" -> {
                int n;
                if (item) {
                    if (cur.picked() >= cur.quantity())
                        return reject("OVER_PICK", "Too many: only " + cur.quantity() + " to take", "ITEM");
                    n = cur.picked() + 1;
                } else if (code.matches("\\d{1,4}")) { // the quantity keyed in after one item scan
                    n = Integer.parseInt(code);
                    if (cur.picked() == 0) return reject("SCAN_ITEM_FIRST", "Scan the item first, then key the quantity", "ITEM");
                    if (n > cur.quantity()) return reject("OVER_PICK", "Too many: only " + cur.quantity() + " to take", "ITEM");
                    if (n < 1) return reject("BAD_QUANTITY", "Quantity must be at least 1", "ITEM");
                } else if (code.equalsIgnoreCase(cur.to()) && cur.picked() > 0) {
                    return confirm(c, cur, s.picker()); // fewer than planned: the units in hand
                } else if (code.equalsIgnoreCase(cur.to())) {
                    return reject("SCAN_ITEM_FIRST", "Take the units from " + cur.from() + " first", "ITEM");
                } else {
                    return reject("WRONG_ITEM", "Wrong item " + code + ": take " + cur.sku() + " " + cur.name(), "ITEM");
                }
                Replenishment.Plan p = Replenishment.plan(c, cur.id(), cur.productId(), cur.fromId(), n);
                if (!p.possible())
                    return reject("NOT_MOVABLE", "Only " + (p.reserved() + p.freeAtSource()) + " units may leave " + cur.from()
                            + " now (the rest are reserved for picks under way)", "ITEM");
                boolean full = n == cur.quantity();
                setPhase(c, cur.id(), full ? "TO" : "ITEM", n);
                return accept(full ? "Put " + n + " in " + cur.to() : n + " of " + cur.quantity() + " (scan " + cur.to() + " if there are no more)",
                        full ? "TO" : "ITEM");
            }
            case "TO" -> {
                if (item) return reject("OVER_PICK", "Too many: only " + cur.quantity() + " to take", "TO");
                if (!code.equalsIgnoreCase(cur.to())) {
                    if (!LocationCode.isPlausibleLocation(code))
                        return reject("NOT_A_BIN", code + " is not a bin label: scan the pick face " + cur.to(), "TO");
                    return reject("WRONG_LOCATION", "Wrong bin " + code + ": put them in " + cur.to(), "TO");
                }
                return confirm(c, cur, s.picker());
            }
            default -> throw new IllegalStateException("replenishment in phase " + cur.phase());
        }
    }

    private Answer confirm(Connection c, Current cur, String picker) throws SQLException {
        Integer movable = Replenishment.confirm(c, cur.id(), cur.productId(), cur.fromId(), cur.toId(), cur.picked(), "replenisher:" + picker);
        if (movable != null) {
            setPhase(c, cur.id(), "ITEM", cur.picked());
            return reject("NOT_MOVABLE", "Only " + movable + " of these units may leave " + cur.from() + " now (the rest are reserved for picks"
                    + " under way): put " + (cur.picked() - movable) + " back" + (movable > 0 ? " and key " + movable : ""), "ITEM");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update replenishment_task set status = 'DONE', phase = 'DONE', moved = ?, done_at = now() where id = ?")) {
            ps.setInt(1, cur.picked());
            ps.setLong(2, cur.id());
            ps.executeUpdate();
        }
        return accept("Done: " + cur.picked() + " × " + cur.sku() + " in " + cur.to(), "DONE");
    }

    /** Gives a claimed task back to the pool (the units go back to the reserve bin). {@code picker}: the holder, or null for a supervisor. */
    public ReplenishmentTask release(long taskId, String picker) {
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Current cur = current(c, taskId);
                if (picker != null && !picker.equals(cur.picker())) throw new ForbiddenException("Replenishment " + taskId + " is not yours");
                if (!cur.status().equals("CLAIMED"))
                    throw ProblemException.conflict("Replenishment " + taskId + " is " + cur.status() + ", not CLAIMED");
                try (PreparedStatement ps = c.prepareStatement(
                        "update replenishment_task set status = 'OPEN', picker = null, phase = 'FROM', picked = 0 where id = ?")) {
                    ps.setLong(1, taskId);
                    ps.executeUpdate();
                }
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return get(taskId);
    }

    /** A supervisor drops a task: nothing moves, and the picks that waited for it go to the reserve bins as planned. */
    public ReplenishmentTask cancel(long taskId, String actor) {
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Current cur = current(c, taskId);
                if (!cur.status().equals("OPEN") && !cur.status().equals("CLAIMED"))
                    throw ProblemException.conflict("Replenishment " + taskId + " is " + cur.status() + ": nothing to cancel");
                try (PreparedStatement ps = c.prepareStatement(
                        "update replenishment_task set status = 'CANCELLED', done_at = now(), note = ? where id = ?")) {
                    ps.setString(1, "cancelled by " + actor);
                    ps.setLong(2, taskId);
                    ps.executeUpdate();
                }
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return get(taskId);
    }

    /** Every pick face below its min without an open task gets one; abandoned claims return to the pool. Returns the tasks made. */
    public int sweep(String actor) {
        returnAbandoned();
        List<long[]> faces = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select f.product_id, f.location_id from pick_face f join location l on l.id = f.location_id
                  left join stock s on s.product_id = f.product_id and s.location_id = f.location_id
                 where l.active and l.kind = 'PICK_FACE' and coalesce(s.on_hand, 0) < f.min_qty
                   and not exists (select 1 from replenishment_task r where r.to_location_id = f.location_id
                                     and r.product_id = f.product_id and r.status in ('OPEN','CLAIMED'))""")) {
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) faces.add(new long[]{rs.getLong(1), rs.getLong(2)}); }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        int made = 0;
        for (long[] f : faces) {
            Long t = Tx.retrying(() -> {
                try (Connection c = db.getConnection()) {
                    return Replenishment.belowMin(c, f[0], f[1], actor);
                } catch (SQLException e) {
                    throw Tx.unchecked(e);
                }
            });
            if (t != null) made++;
        }
        return made;
    }

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepNow() {
        try {
            int n = sweep("system:replenishment");
            if (n > 0) LOG.infof("%d pick face(s) below min got a replenishment task", n);
        } catch (RuntimeException e) {
            LOG.warn("Replenishment sweep failed: " + e.getMessage());
        }
    }

    /** Claims whose replenisher went silent for the pick claim timeout return to the pool. */
    int returnAbandoned() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update replenishment_task set status = 'OPEN', picker = null, phase = 'FROM', picked = 0
                 where status = 'CLAIMED'
                   and heartbeat_at < now() - make_interval(secs => (select claim_timeout_s from picking_policy where id = 1))""")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public List<ReplenishmentTask> list(String status, String zone, int limit) {
        try (Connection c = db.getConnection()) {
            return query(c, "(cast(? as text) is null or r.status = ?) and (cast(? as text) is null or t.zone = ?)",
                    limit, status, status, zone, zone);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public ReplenishmentTask get(long id) {
        try (Connection c = db.getConnection()) {
            return view(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static ReplenishmentTask view(Connection c, long id) throws SQLException {
        List<ReplenishmentTask> l = query(c, "r.id = ?", 1, id);
        if (l.isEmpty()) throw ProblemException.notFound("No replenishment task " + id);
        return l.get(0);
    }

    private static List<ReplenishmentTask> query(Connection c, String where, int limit, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select r.id, sh.code, p.sku, p.name, f.code, t.code, r.quantity, r.picked, r.moved, r.status, r.reason, r.wave_id,
                       r.priority, r.urgency, r.picker, r.phase,
                       (select count(*) from replenishment_stop rs join pick_stop s on s.id = rs.stop_id
                         where rs.task_id = r.id and s.location_id = r.from_location_id and s.phase = 'LOCATION')::int,
                       r.created_at, r.done_at, r.note
                  from replenishment_task r join product p on p.id = r.product_id join shop sh on sh.id = p.shop_id
                  join location f on f.id = r.from_location_id join location t on t.id = r.to_location_id
                 where\s""" + where + " order by r.id desc limit ?")) {
            int i = 1;
            for (Object a : args) ps.setObject(i++, a);
            ps.setInt(i, limit);
            List<ReplenishmentTask> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long wave = rs.getLong(12);
                    Long waveId = rs.wasNull() ? null : wave;
                    String status = rs.getString(10), phase = rs.getString(16);
                    String expect = status.equals("DONE") || status.equals("CANCELLED") ? "DONE" : status.equals("OPEN") ? "CLAIM" : phase;
                    out.add(new ReplenishmentTask(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), status, rs.getString(11), waveId, rs.getInt(13),
                            Sql.instant(rs, 14), rs.getString(15), phase, expect,
                            status.equals("OPEN") || status.equals("CLAIMED") ? rs.getInt(17) : 0,
                            Sql.instant(rs, 18), Sql.instant(rs, 19), rs.getString(20)));
                }
            }
            return out;
        }
    }

    private static Current current(Connection c, long id) throws SQLException {
        Current cur = find(c, id);
        if (cur == null) throw ProblemException.notFound("No replenishment task " + id);
        return cur;
    }

    /** Locks the task and reads it; null when there is no such task. */
    private static Current find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select r.id, r.status, r.picker, r.product_id, p.sku, p.name, r.from_location_id, f.code, r.to_location_id, t.code,
                       r.quantity, r.picked, r.phase
                  from replenishment_task r join product p on p.id = r.product_id
                  join location f on f.id = r.from_location_id join location t on t.id = r.to_location_id
                 where r.id = ? for update of r""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new Current(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getLong(7), rs.getString(8), rs.getLong(9), rs.getString(10), rs.getInt(11), rs.getInt(12), rs.getString(13));
            }
        }
    }

    /** A product's own barcodes, or its SKU printed as a code. */
    private static boolean isItem(Connection c, long productId, String code, String sku) throws SQLException {
        if (code.equals(sku)) return true;
        try (PreparedStatement ps = c.prepareStatement("select 1 from product_barcode where product_id = ? and barcode = ?")) {
            ps.setLong(1, productId);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
        }
    }

    private static void setPhase(Connection c, long id, String phase, int picked) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update replenishment_task set phase = ?, picked = ? where id = ?")) {
            ps.setString(1, phase);
            ps.setInt(2, picked);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    private static void heartbeat(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update replenishment_task set heartbeat_at = now() where id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static void record(Connection c, Scan s, Current cur, long taskId, Answer a) throws SQLException {
        String at = cur == null ? null : switch (cur.phase()) { case "FROM", "ITEM" -> cur.from(); default -> cur.to(); };
        try (PreparedStatement ps = c.prepareStatement("""
                insert into scan (device, actor, replenishment_id, location, code, expected, result, reason, message)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, s.device());
            ps.setString(2, s.picker());
            ps.setLong(3, taskId);
            ps.setString(4, at);
            ps.setString(5, s.code().length() > 200 ? s.code().substring(0, 200) : s.code());
            ps.setString(6, cur == null ? null : cur.phase());
            ps.setString(7, a.result());
            ps.setString(8, a.reason());
            ps.setString(9, a.message());
            ps.executeUpdate();
        }
    }

    private static Answer accept(String message, String expect) { return new Answer("ACCEPTED", null, message, expect, null); }

    private static Answer reject(String reason, String message, String expect) { return new Answer("REJECTED", reason, message, expect, null); }
}
