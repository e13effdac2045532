package io.surgewms.inventory;

import io.surgewms.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Moves picked units from a bin to a tote: on-hand and reservation both travel, so the units stay
 * reserved for their orders while they ride in the tote. Units picked for an order cancelled
 * meanwhile travel unreserved. Two PICK ledger rows, bins locked in id order.
 */
public final class Picks {
    private Picks() {}

    public static void binToTote(Connection c, long productId, long binLocationId, long toteLocationId, int quantity,
                                 List<Long> allocationIds, String reference, String actor) throws SQLException {
        if (quantity <= 0) return;
        long bin = InventoryService.stockId(c, productId, binLocationId);
        long tote = InventoryService.ensureRow(c, productId, toteLocationId);
        StockLocks.lockRows(c, List.of(bin, tote));
        int reserved = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "select coalesce(sum(quantity), 0) from allocation where id = any(?) and status = 'ACTIVE'")) {
            ps.setArray(1, Sql.longs(c, allocationIds));
            try (ResultSet rs = ps.executeQuery()) { rs.next(); reserved = Math.min(quantity, rs.getInt(1)); }
        }
        move(c, bin, -quantity, -reserved, reference, actor);
        move(c, tote, quantity, reserved, reference, actor);
        try (PreparedStatement ps = c.prepareStatement(
                "update allocation set status = 'PICKED', stock_id = ? where id = any(?) and status = 'ACTIVE'")) {
            ps.setLong(1, tote);
            ps.setArray(2, Sql.longs(c, allocationIds));
            ps.executeUpdate();
        }
    }

    private static void move(Connection c, long stockId, int q, int reserved, String reference, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update stock set on_hand = on_hand + ?, allocated = allocated + ?, updated_at = now() where id = ?")) {
            ps.setInt(1, q);
            ps.setInt(2, reserved);
            ps.setLong(3, stockId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_on_hand, delta_allocated, reference, actor)
                values (?, 'PICK', ?, ?, ?, ?)""")) {
            ps.setLong(1, stockId);
            ps.setInt(2, q);
            ps.setInt(3, reserved);
            ps.setString(4, reference);
            ps.setString(5, actor);
            ps.executeUpdate();
        }
    }

    /** Releases part of a reservation (a short pick): allocated goes down at its bin, a RELEASE ledger row. */
    public static void releasePart(Connection c, long allocationId, int quantity, String actor, String note) throws SQLException {
        long stockId, orderId;
        int held;
        try (PreparedStatement ps = c.prepareStatement("select stock_id, order_id, quantity from allocation where id = ? and status = 'ACTIVE'")) {
            ps.setLong(1, allocationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return;
                stockId = rs.getLong(1); orderId = rs.getLong(2); held = rs.getInt(3);
            }
        }
        StockLocks.lockRows(c, List.of(stockId));
        int q = Math.min(quantity, held);
        if (q == held) {
            try (PreparedStatement ps = c.prepareStatement("update allocation set status = 'RELEASED' where id = ?")) {
                ps.setLong(1, allocationId);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("update allocation set quantity = quantity - ? where id = ?")) {
                ps.setInt(1, q);
                ps.setLong(2, allocationId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into allocation (order_id, line_id, stock_id, quantity, status, stop_id)
                    select order_id, line_id, stock_id, ?, 'RELEASED', stop_id from allocation where id = ?""")) {
                ps.setInt(1, q);
                ps.setLong(2, allocationId);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("update stock set allocated = allocated - ?, updated_at = now() where id = ?")) {
            ps.setInt(1, q);
            ps.setLong(2, stockId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_allocated, order_id, actor, note) values (?, 'RELEASE', ?, ?, ?, ?)""")) {
            ps.setLong(1, stockId);
            ps.setInt(2, -q);
            ps.setLong(3, orderId);
            ps.setString(4, actor);
            ps.setString(5, note);
            ps.executeUpdate();
        }
    }
}
