package io.surgewms.inventory;

import io.surgewms.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Units leave the warehouse: an order's picked units go off the books at handover to the carrier. */
public final class Dispatch {
    private Dispatch() {}

    /** Books every picked unit of the order out (SHIP ledger rows, on-hand and reservation down); answers the units. */
    public static int shipOrder(Connection c, long orderId, String reference, String actor) throws SQLException {
        List<Long> stocks = new ArrayList<>();
        List<Integer> qty = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select stock_id, quantity from allocation where order_id = ? and status = 'PICKED' order by stock_id")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) { stocks.add(rs.getLong(1)); qty.add(-rs.getInt(2)); } }
        }
        if (stocks.isEmpty()) return 0;
        StockLocks.lockRows(c, stocks);
        try (PreparedStatement ps = c.prepareStatement("""
                update stock s set on_hand = s.on_hand + d.q, allocated = s.allocated + d.q, updated_at = now()
                  from (select id, sum(q)::int q from unnest(?::bigint[], ?::int[]) t(id, q) group by id) d where s.id = d.id""")) {
            ps.setArray(1, Sql.longs(c, stocks));
            ps.setArray(2, Sql.ints(c, qty));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_on_hand, delta_allocated, order_id, reference, actor)
                select s, 'SHIP', q, q, ?, ?, ? from unnest(?::bigint[], ?::int[]) t(s, q)""")) {
            ps.setLong(1, orderId);
            ps.setString(2, reference);
            ps.setString(3, actor);
            ps.setArray(4, Sql.longs(c, stocks));
            ps.setArray(5, Sql.ints(c, qty));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("update allocation set status = 'SHIPPED' where order_id = ? and status = 'PICKED'")) {
            ps.setLong(1, orderId);
            ps.executeUpdate();
        }
        return -qty.stream().mapToInt(Integer::intValue).sum();
    }
}
