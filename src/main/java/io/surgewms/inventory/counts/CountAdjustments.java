package io.surgewms.inventory.counts;

import io.surgewms.inventory.Allocator;
import io.surgewms.inventory.Bin;
import io.surgewms.inventory.Picks;
import io.surgewms.inventory.Reservations;
import io.surgewms.inventory.StockAvailable;
import io.surgewms.inventory.StockLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
 * Books a count's variance into stock: one COUNT ledger row per SKU, the count task and counter in
 * its note. The caller holds the SKU's stock rows locked (StockLocks.lockAll, id order), so picks and
 * reservations running meanwhile wait for us. When the bin now holds fewer units than are reserved
 * there, the reservations that fit stay (those a picker is already sent for first, then the most
 * urgent orders); the rest are released and reserved again in other bins with free stock, like a short
 * pick, or their orders are flagged for a supervisor. {@code 0 ≤ allocated ≤ on_hand} holds throughout.
 */
@ApplicationScoped
public class CountAdjustments {

    @Inject Event<StockAvailable> stockAvailable;

    /** What one adjustment did to reservations on the counted bin. */
    public record Outcome(int delta, int moved, int flagged) {}

    private record Held(long allocationId, long orderId, long lineId, int quantity, boolean onPickStop) {}

    /**
     * Applies {@code variance} to the stock row of this SKU at this bin (never below zero); answers what
     * changed. {@code reference} and {@code note} go to the ledger rows.
     */
    public Outcome apply(Connection c, long productId, long locationId, int variance, String reference, String actor, String note)
            throws SQLException {
        long stockId = ensureRow(c, productId, locationId);
        int onHand, allocated;
        String sku, bin;
        try (PreparedStatement ps = c.prepareStatement("""
                select s.on_hand, s.allocated, p.sku, l.code from stock s join product p on p.id = s.product_id
                  join location l on l.id = s.location_id where s.id = ? for update of s""")) {
            ps.setLong(1, stockId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                onHand = rs.getInt(1); allocated = rs.getInt(2); sku = rs.getString(3); bin = rs.getString(4);
            }
        }
        int target = Math.max(0, onHand + variance), delta = target - onHand;
        if (delta == 0) return new Outcome(0, 0, 0);
        int[] rebalanced = {0, 0};
        if (target < allocated) rebalanced = rebalance(c, stockId, productId, sku, bin, allocated - target, reference, actor);
        try (PreparedStatement ps = c.prepareStatement("update stock set on_hand = on_hand + ?, updated_at = now() where id = ?")) {
            ps.setInt(1, delta);
            ps.setLong(2, stockId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_on_hand, reference, actor, note) values (?, 'COUNT', ?, ?, ?, ?)""")) {
            ps.setLong(1, stockId);
            ps.setInt(2, delta);
            ps.setString(3, reference);
            ps.setString(4, actor);
            ps.setString(5, note);
            ps.executeUpdate();
        }
        if (delta > 0) stockAvailable.fire(new StockAvailable(c, Set.of(productId), actor));
        return new Outcome(delta, rebalanced[0], rebalanced[1]);
    }

    /** Moves {@code excess} reserved units off the counted bin; answers {units moved, orders flagged}. */
    private int[] rebalance(Connection c, long stockId, long productId, String sku, String bin, int excess, String reference, String actor)
            throws SQLException {
        // Give up first what nobody is walking to yet, least urgent orders first; keep the rest.
        List<Held> off = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select a.id, a.order_id, a.line_id, a.quantity, a.stop_id is not null
                  from allocation a join orders o on o.id = a.order_id
                 where a.stock_id = ? and a.status = 'ACTIVE'
                 order by (a.stop_id is not null), o.ship_by desc, o.priority, o.id desc, a.id desc""")) {
            ps.setLong(1, stockId);
            try (ResultSet rs = ps.executeQuery()) {
                int left = excess;
                while (rs.next() && left > 0) {
                    int q = Math.min(left, rs.getInt(4));
                    off.add(new Held(rs.getLong(1), rs.getLong(2), rs.getLong(3), q, rs.getBoolean(5)));
                    left -= q;
                }
            }
        }
        String why = "count at " + bin + " (" + reference + ")";
        for (Held h : off) Picks.releasePart(c, h.allocationId(), h.quantity(), actor, why);
        Map<Long, List<Bin>> bins = StockLocks.lockSellable(c, Set.of(productId));
        bins.getOrDefault(productId, new ArrayList<>()).removeIf(b -> b.stockId() == stockId);
        Allocator allocator = new Allocator(bins);
        int moved = 0, flagged = 0;
        for (Held h : off) {
            Allocator.Outcome out = allocator.allocate(List.of(new Allocator.Demand(0, productId, sku, h.quantity())));
            if (out.served()) {
                List<Reservations.Reservation> rs = new ArrayList<>();
                for (Allocator.Take t : out.takes()) rs.add(new Reservations.Reservation(h.orderId(), h.lineId(), t.stockId(), t.quantity()));
                Reservations.reserve(c, rs, actor);
                moved += h.quantity();
                // A picker already sent to this bin for these units will not find them: the supervisor must know.
                if (h.onPickStop()) {
                    flag(c, h.orderId(), "COUNT: " + h.quantity() + " × " + sku + " on a pick stop at " + bin
                            + " were reserved again in other bins (" + reference + "): short the stop and pick them there");
                    flagged++;
                }
            } else {
                flag(c, h.orderId(), "COUNT: " + h.quantity() + " × " + sku + " no longer at " + bin + " (" + reference + "), no other stock");
                flagged++;
            }
        }
        return new int[]{moved, flagged};
    }

    private static void flag(Connection c, long orderId, String why) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update orders set exception = ?, updated_at = now() where id = ?")) {
            ps.setString(1, why);
            ps.setLong(2, orderId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into order_event (order_id, from_status, to_status, actor, note)
                select id, status, status, 'system:count', ? from orders where id = ?""")) {
            ps.setString(1, why);
            ps.setLong(2, orderId);
            ps.executeUpdate();
        }
    }

    /** The stock row of a SKU at a bin, made when a count finds units where the system had none. */
    static long ensureRow(Connection c, long productId, long locationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into stock (product_id, location_id) values (?, ?) on conflict (product_id, location_id) do nothing")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("select id from stock where product_id = ? and location_id = ?")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        }
    }
}
