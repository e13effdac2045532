package io.surgewms.inventory.counts;

import io.agroal.api.AgroalDataSource;
import io.surgewms.inventory.StockLocks;
import io.surgewms.inventory.counts.CountViews.Review;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a finished count does. Each SKU's count is compared with on_hand at the bin, read under the
 * stock row locks: a variance within tolerance is booked at once, one above it waits for a supervisor,
 * who approves it (booked then, on top of whatever moved since the count) or orders a recount by
 * someone else.
 */
@ApplicationScoped
public class CountResults {

    @Inject AgroalDataSource db;
    @Inject CountTolerance tolerance;
    @Inject CountAdjustments adjustments;

    /** One SKU booked: its change of on_hand, and reserved units moved to other bins or whose orders were flagged. */
    public record Booked(String sku, int delta, int moved, int flagged) {}

    /** After finishing, approving or ordering a recount: the task, what was booked, and (recount) the new task. */
    public record Result(long id, String status, String counter, String location, List<Booked> booked, int pending, Long recountId) {}

    private record Task(long id, String status, String counter, long locationId, String location, Long productId, String phase,
                        List<String> notCounters, String abcClass) {}

    private record Counted(long productId, String sku, int counted) {}

    /** Finishes a claimed count (the bin must have been scanned); inside the caller's transaction. */
    Result finish(Connection c, long id, String counter) throws SQLException {
        Task t = task(c, id);
        if (!t.status().equals("CLAIMED") || !t.counter().equals(counter))
            throw ProblemException.conflict("Count " + id + " is not claimed by " + counter + " (" + t.status() + ")");
        if (t.phase().equals("LOCATION")) throw ProblemException.conflict("Scan the bin " + t.location() + " first");
        // What the count covers: its SKU, or the whole bin (what was found, and what the system thinks is there).
        Set<Long> products = new LinkedHashSet<>();
        if (t.productId() != null) products.add(t.productId());
        else {
            try (PreparedStatement ps = c.prepareStatement("""
                    select product_id from count_line where count_task_id = ?
                     union select product_id from stock where location_id = ? and (on_hand > 0 or allocated > 0)""")) {
                ps.setLong(1, id);
                ps.setLong(2, t.locationId());
                try (ResultSet rs = ps.executeQuery()) { while (rs.next()) products.add(rs.getLong(1)); }
            }
        }
        for (long p : products) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into count_line (count_task_id, product_id) values (?, ?) on conflict (count_task_id, product_id) do nothing")) {
                ps.setLong(1, id);
                ps.setLong(2, p);
                ps.executeUpdate();
            }
            CountAdjustments.ensureRow(c, p, t.locationId());
        }
        StockLocks.lockAll(c, products);
        List<Counted> within = new ArrayList<>();
        int pending = 0;
        for (Counted l : lines(c, id, false)) {
            int expected = onHand(c, l.productId(), t.locationId()), variance = l.counted() - expected;
            boolean ok = tolerance.within(expected, variance);
            try (PreparedStatement ps = c.prepareStatement(
                    "update count_line set expected = ?, variance = ?, within_tolerance = ? where count_task_id = ? and product_id = ?")) {
                ps.setInt(1, expected);
                ps.setInt(2, variance);
                ps.setBoolean(3, ok);
                ps.setLong(4, id);
                ps.setLong(5, l.productId());
                ps.executeUpdate();
            }
            if (ok) within.add(l); else pending++;
        }
        List<Booked> booked = book(c, t, within, counter, "count task " + id + " by " + counter);
        String status = pending > 0 ? "PENDING_APPROVAL" : "DONE";
        try (PreparedStatement ps = c.prepareStatement("""
                update count_task set status = ?, counted_at = now(), resolved_at = case when ? = 'DONE' then now() end where id = ?""")) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        return new Result(id, status, counter, t.location(), booked, pending, null);
    }

    /** A supervisor books the variances that waited (not their own count). */
    public Result approve(long id, String approver) {
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Task t = pending(c, id);
                if (approver.equals(t.counter())) throw ProblemException.conflict("Count " + id + " was counted by " + approver
                        + ": someone else approves it");
                List<Counted> open = lines(c, id, true);
                Set<Long> products = new LinkedHashSet<>();
                for (Counted l : open) products.add(l.productId());
                StockLocks.lockAll(c, products);
                List<Booked> booked = book(c, t, open, approver, "count task " + id + " by " + t.counter() + ", approved by " + approver);
                try (PreparedStatement ps = c.prepareStatement(
                        "update count_task set status = 'DONE', approved_by = ?, resolved_at = now() where id = ?")) {
                    ps.setString(1, approver);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                return new Result(id, "DONE", t.counter(), t.location(), booked, 0, null);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    /** A supervisor does not trust the count: it is closed unbooked (COUNTED) and the bin is counted again by someone else. */
    public Result recount(long id, String by, String reason) {
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Task t = pending(c, id);
                try (PreparedStatement ps = c.prepareStatement("update count_task set status = 'COUNTED', resolved_at = now() where id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                List<String> not = new ArrayList<>(t.notCounters());
                if (t.counter() != null && !not.contains(t.counter())) not.add(t.counter());
                String why = "recount of count " + id + (reason == null || reason.isBlank() ? "" : ": " + reason.trim());
                long next = CountTasks.insert(c, t.locationId(), t.productId(), why, "RECOUNT", CountTasks.RECOUNT_PRIORITY, t.abcClass(),
                        id, not, by);
                return new Result(id, "COUNTED", t.counter(), t.location(), List.of(), lines(c, id, true).size(), next);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    public Review review(long id) {
        try (Connection c = db.getConnection()) {
            return CountTasks.review(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<Booked> book(Connection c, Task t, List<Counted> lines, String actor, String note) throws SQLException {
        List<Booked> out = new ArrayList<>();
        for (Counted l : lines) {
            int variance;
            try (PreparedStatement ps = c.prepareStatement(
                    "update count_line set applied = true where count_task_id = ? and product_id = ? returning variance")) {
                ps.setLong(1, t.id());
                ps.setLong(2, l.productId());
                try (ResultSet rs = ps.executeQuery()) { rs.next(); variance = rs.getInt(1); }
            }
            if (variance == 0) continue;
            CountAdjustments.Outcome o = adjustments.apply(c, l.productId(), t.locationId(), variance, "count:" + t.id(), actor, note);
            out.add(new Booked(l.sku(), o.delta(), o.moved(), o.flagged()));
        }
        return out;
    }

    private static Task pending(Connection c, long id) throws SQLException {
        Task t = task(c, id);
        if (!t.status().equals("PENDING_APPROVAL")) throw ProblemException.conflict("Count " + id + " is " + t.status() + ", not waiting for approval");
        return t;
    }

    /** Locks and reads a count task. */
    private static Task task(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select t.status, t.counter, t.location_id, l.code, t.product_id, t.phase, t.not_counters, t.abc_class
                  from count_task t join location l on l.id = t.location_id where t.id = ? for update of t""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No count task " + id);
                Array nc = rs.getArray(7);
                return new Task(id, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), (Long) rs.getObject(5), rs.getString(6),
                        nc == null ? List.of() : Arrays.asList((String[]) nc.getArray()), rs.getString(8));
            }
        }
    }

    private static List<Counted> lines(Connection c, long id, boolean unappliedOnly) throws SQLException {
        List<Counted> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select cl.product_id, p.sku, cl.counted from count_line cl join product p on p.id = cl.product_id
                 where cl.count_task_id = ? and (not ? or not cl.applied) order by cl.product_id""")) {
            ps.setLong(1, id);
            ps.setBoolean(2, unappliedOnly);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.add(new Counted(rs.getLong(1), rs.getString(2), rs.getInt(3))); }
        }
        return out;
    }

    private static int onHand(Connection c, long productId, long locationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select on_hand from stock where product_id = ? and location_id = ?")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getInt(1) : 0; }
        }
    }
}
