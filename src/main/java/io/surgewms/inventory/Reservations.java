package io.surgewms.inventory;

import io.surgewms.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes reservations set-at-a-time: allocation rows, ALLOCATE ledger rows and the stock update
 * in three statements whatever the count, inside the caller's transaction (which holds the locks).
 */
public final class Reservations {
    private Reservations() {}

    /** Units of an order line reserved at a stock row. */
    public record Reservation(long orderId, long lineId, long stockId, int quantity) {}

    public static void reserve(Connection c, List<Reservation> rs, String actor) throws SQLException {
        if (rs.isEmpty()) return;
        List<Long> orders = new ArrayList<>(), lines = new ArrayList<>(), stocks = new ArrayList<>();
        List<Integer> qty = new ArrayList<>();
        for (Reservation r : rs) {
            orders.add(r.orderId());
            lines.add(r.lineId());
            stocks.add(r.stockId());
            qty.add(r.quantity());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into allocation (order_id, line_id, stock_id, quantity)
                select * from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::int[])""")) {
            ps.setArray(1, Sql.longs(c, orders));
            ps.setArray(2, Sql.longs(c, lines));
            ps.setArray(3, Sql.longs(c, stocks));
            ps.setArray(4, Sql.ints(c, qty));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_allocated, order_id, actor)
                select s, 'ALLOCATE', q, o, ? from unnest(?::bigint[], ?::int[], ?::bigint[]) t(s, q, o)""")) {
            ps.setString(1, actor);
            ps.setArray(2, Sql.longs(c, stocks));
            ps.setArray(3, Sql.ints(c, qty));
            ps.setArray(4, Sql.longs(c, orders));
            ps.executeUpdate();
        }
        addAllocated(c, stocks, qty);
    }

    /**
     * Releases every reservation of an order (cancel), in bins and in totes (picked units stay in the
     * tote, unreserved, until put away): allocated goes down, a RELEASE ledger
     * row per reservation. Returns the products that got units back, so backorders can take them.
     */
    public static Set<Long> releaseOrder(Connection c, long orderId, String actor, String note) throws SQLException {
        List<Long> stocks = new ArrayList<>();
        List<Integer> qty = new ArrayList<>();
        Set<Long> products = new HashSet<>();
        // Lock the bins in id order before touching them, like every other stock writer.
        List<Long> held = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select stock_id from allocation where order_id = ? and status in ('ACTIVE', 'PICKED')")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) held.add(rs.getLong(1)); }
        }
        StockLocks.lockRows(c, held);
        try (PreparedStatement ps = c.prepareStatement("""
                update allocation a set status = 'RELEASED'
                  from stock s
                 where a.order_id = ? and a.status in ('ACTIVE', 'PICKED') and s.id = a.stock_id
             returning a.stock_id, a.quantity, s.product_id""")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stocks.add(rs.getLong(1));
                    qty.add(-rs.getInt(2));
                    products.add(rs.getLong(3));
                }
            }
        }
        if (stocks.isEmpty()) return products;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_allocated, order_id, actor, note)
                select s, 'RELEASE', q, ?, ?, ? from unnest(?::bigint[], ?::int[]) t(s, q)""")) {
            ps.setLong(1, orderId);
            ps.setString(2, actor);
            ps.setString(3, note);
            ps.setArray(4, Sql.longs(c, stocks));
            ps.setArray(5, Sql.ints(c, qty));
            ps.executeUpdate();
        }
        addAllocated(c, stocks, qty);
        return products;
    }

    private static void addAllocated(Connection c, List<Long> stocks, List<Integer> qty) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update stock s set allocated = s.allocated + d.q, updated_at = now()
                  from (select id, sum(q)::int q from unnest(?::bigint[], ?::int[]) t(id, q) group by id) d
                 where s.id = d.id""")) {
            ps.setArray(1, Sql.longs(c, stocks));
            ps.setArray(2, Sql.ints(c, qty));
            ps.executeUpdate();
        }
    }
}
