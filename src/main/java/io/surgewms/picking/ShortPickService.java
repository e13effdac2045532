package io.surgewms.picking;

import io.agroal.api.AgroalDataSource;
import io.surgewms.inventory.Allocator;
import io.surgewms.inventory.Bin;
import io.surgewms.inventory.Picks;
import io.surgewms.inventory.Reservations;
import io.surgewms.inventory.StockLocks;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bin holds fewer units than the system thinks. The picker says how many were found; the rest of
 * the stop's reservations (least urgent orders first) are released there and reserved again in
 * other bins when stock exists — new stops on the same task, route recomputed — or the order is
 * flagged for a supervisor. The bin gets a count task either way.
 */
@ApplicationScoped
public class ShortPickService {

    @Inject AgroalDataSource db;
    @Inject RouteSequencer sequencer;

    public record ShortRequest(String picker, Integer found) {}

    private record Shorted(long allocationId, long orderId, long lineId, int quantity) {}

    private record Stop(long id, String zone, int aisle, int bay, int pickSeq) implements RouteSequencer.Placed {}

    public TaskView shortPick(long taskId, ShortRequest req) {
        if (req.picker() == null || req.picker().isBlank()) throw ProblemException.invalid("picker", "required");
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                ScanService.Current cur = ScanService.current(c, taskId);
                if (cur == null) throw ProblemException.conflict("Task " + taskId + " has no open stop");
                if (!cur.status().equals("CLAIMED") || !req.picker().equals(cur.picker()))
                    throw ProblemException.conflict("Task " + taskId + " is not claimed by " + req.picker());
                int found = req.found() == null ? cur.picked() : req.found();
                if (found < 0 || found >= cur.quantity())
                    throw ProblemException.invalid("found", "must be between 0 and " + (cur.quantity() - 1) + " for a short pick");
                if (found < cur.picked())
                    throw ProblemException.invalid("found", cur.picked() + " units were already scanned at this stop");
                shortStop(c, taskId, cur, found, req.picker());
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        try (Connection c = db.getConnection()) {
            return TaskService.view(c, taskId);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void shortStop(Connection c, long taskId, ScanService.Current cur, int found, String picker) throws SQLException {
        String actor = "picker:" + picker;
        int missing = cur.quantity() - found;
        // Release the missing units, least urgent orders first, so the urgent ones keep their units.
        List<Shorted> shorted = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select a.id, a.order_id, a.line_id, a.quantity from allocation a join orders o on o.id = a.order_id
                 where a.stop_id = ? and a.status = 'ACTIVE' order by o.ship_by desc, o.priority, o.id desc""")) {
            ps.setLong(1, cur.stopId());
            try (ResultSet rs = ps.executeQuery()) {
                int left = missing;
                while (rs.next() && left > 0) {
                    int q = Math.min(left, rs.getInt(4));
                    shorted.add(new Shorted(rs.getLong(1), rs.getLong(2), rs.getLong(3), q));
                    left -= q;
                }
            }
        }
        String note = "short pick at " + cur.location() + " (task " + taskId + ")";
        for (Shorted s : shorted) Picks.releasePart(c, s.allocationId(), s.quantity(), actor, note);

        // Reserve them again elsewhere: every sellable bin of the SKU but this one.
        Map<Long, List<Bin>> bins = StockLocks.lockSellable(c, Set.of(cur.productId()));
        long shortBin = stockAt(c, cur.productId(), cur.locationId());
        bins.getOrDefault(cur.productId(), new ArrayList<>()).removeIf(b -> b.stockId() == shortBin);
        Allocator allocator = new Allocator(bins);
        List<Long> newStops = new ArrayList<>();
        for (Shorted s : shorted) {
            Allocator.Outcome out = allocator.allocate(List.of(new Allocator.Demand(0, cur.productId(), cur.sku(), s.quantity())));
            if (!out.served()) {
                flag(c, s.orderId(), "SHORT: " + s.quantity() + " × " + cur.sku() + " missing at " + cur.location() + ", no other stock");
                continue;
            }
            List<Reservations.Reservation> rs = new ArrayList<>();
            for (Allocator.Take t : out.takes()) rs.add(new Reservations.Reservation(s.orderId(), s.lineId(), t.stockId(), t.quantity()));
            Reservations.reserve(c, rs, actor);
            for (Allocator.Take t : out.takes()) newStops.add(addStop(c, taskId, cur, s.orderId(), t.stockId(), t.quantity()));
        }
        // The stop now asks only for what was found.
        if (found == 0) {
            try (PreparedStatement ps = c.prepareStatement("update pick_stop set phase = 'SHORT', done_at = now() where id = ?")) {
                ps.setLong(1, cur.stopId());
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("update pick_stop set quantity = ?, phase = ? where id = ?")) {
                ps.setInt(1, found);
                ps.setString(2, cur.picked() == found ? "TOTE" : "ITEM");
                ps.setLong(3, cur.stopId());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into count_task (location_id, product_id, reason, created_by) values (?, ?, ?, ?)")) {
            ps.setLong(1, cur.locationId());
            ps.setLong(2, cur.productId());
            ps.setString(3, note + ": " + found + " of " + cur.quantity() + " found");
            ps.setString(4, actor);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into scan (actor, task_id, stop_id, location, code, expected, result, reason, message)
                values (?, ?, ?, ?, 'SHORT', ?, 'ACCEPTED', 'SHORT_PICK', ?)""")) {
            ps.setString(1, picker);
            ps.setLong(2, taskId);
            ps.setLong(3, cur.stopId());
            ps.setString(4, cur.location());
            ps.setString(5, cur.phase());
            ps.setString(6, "Short: " + found + " of " + cur.quantity() + (newStops.isEmpty() ? "" : "; " + newStops.size() + " stop(s) added"));
            ps.executeUpdate();
        }
        if (!newStops.isEmpty()) resequence(c, taskId, cur.seq());
        if (found == 0) {
            StopCompletion.finishTaskIfDone(c, taskId);
        }
    }

    private static long stockAt(Connection c, long productId, long locationId) {
        try (PreparedStatement ps = c.prepareStatement("select id from stock where product_id = ? and location_id = ?")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : -1; }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long addStop(Connection c, long taskId, ScanService.Current cur, long orderId, long stockId, int q) throws SQLException {
        long stopId;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into pick_stop (task_id, seq, location_id, product_id, sku, quantity, tote_id, order_id)
                select ?, 1000000, s.location_id, s.product_id, ?, ?, ?, (select order_id from pick_stop where id = ?)
                  from stock s where s.id = ? returning id""")) {
            ps.setLong(1, taskId);
            ps.setString(2, cur.sku());
            ps.setInt(3, q);
            ps.setLong(4, cur.toteId());
            ps.setLong(5, cur.stopId());
            ps.setLong(6, stockId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); stopId = rs.getLong(1); }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update allocation set stop_id = ? where order_id = ? and stock_id = ? and status = 'ACTIVE' and stop_id is null""")) {
            ps.setLong(1, stopId);
            ps.setLong(2, orderId);
            ps.setLong(3, stockId);
            ps.executeUpdate();
        }
        return stopId;
    }

    /** Routes the stops not yet started (after the current one) again, new ones included. */
    private void resequence(Connection c, long taskId, int afterSeq) throws SQLException {
        List<Stop> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.id, l.zone, coalesce(l.aisle, 0), coalesce(l.bay, 0), l.pick_seq
                  from pick_stop s join location l on l.id = s.location_id
                 where s.task_id = ? and s.phase = 'LOCATION' and s.seq > ?""")) {
            ps.setLong(1, taskId);
            ps.setInt(2, afterSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) open.add(new Stop(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
            }
        }
        RouteSequencer.Sequenced<Stop> routed = sequencer.sequence(c, open);
        int seq = afterSeq + 1;
        try (PreparedStatement ps = c.prepareStatement("update pick_stop set seq = ? where id = ?")) {
            for (Stop s : routed.stops()) {
                ps.setInt(1, seq++);
                ps.setLong(2, s.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void flag(Connection c, long orderId, String why) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update orders set exception = ?, updated_at = now() where id = ?")) {
            ps.setString(1, why);
            ps.setLong(2, orderId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into order_event (order_id, from_status, to_status, actor, note)
                select id, status, status, 'system:short-pick', ? from orders where id = ?""")) {
            ps.setString(1, why);
            ps.setLong(2, orderId);
            ps.executeUpdate();
        }
    }
}
