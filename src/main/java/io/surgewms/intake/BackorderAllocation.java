package io.surgewms.intake;

import io.surgewms.inventory.Allocator;
import io.surgewms.inventory.Reservations;
import io.surgewms.inventory.Reservations.Reservation;
import io.surgewms.inventory.StockAvailable;
import io.surgewms.inventory.StockLocks;
import io.surgewms.platform.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When units become sellable, waiting orders take them, earliest ship-by (then highest priority)
 * first, in the same transaction that made them sellable. All or nothing per order, as at intake.
 * Waiting orders are backorders and held orders that arrived short of stock.
 */
@ApplicationScoped
public class BackorderAllocation {

    /** How many waiting orders one stock change looks at; the rest wait for the next change. */
    static final int SCAN_LIMIT = 5000;

    private record WaitingLine(long lineId, int lineNo, long productId, String sku, int quantity) {}

    void onStockAvailable(@Observes StockAvailable ev) {
        try {
            allocate(ev.connection(), ev.productIds(), ev.actor());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    int allocate(Connection c, Set<Long> productIds, String actor) throws SQLException {
        if (productIds.isEmpty()) return 0;
        Map<Long, List<WaitingLine>> waiting = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select o.id from orders o
                 where (o.status = 'BACKORDERED' or o.status = 'HELD' and o.backorder_reason is not null) and o.id in (select order_id from order_line where product_id = any(?))
                 order by o.ship_by, o.priority desc, o.id
                 limit ? for update of o skip locked""")) {
            ps.setArray(1, Sql.longs(c, productIds));
            ps.setInt(2, SCAN_LIMIT);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) waiting.put(rs.getLong(1), new ArrayList<>()); }
        }
        if (waiting.isEmpty()) return 0;
        Set<Long> allProducts = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select order_id, id, line_no, product_id, sku, quantity from order_line where order_id = any(?) order by order_id, line_no")) {
            ps.setArray(1, Sql.longs(c, waiting.keySet()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    waiting.get(rs.getLong(1)).add(new WaitingLine(rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getString(5), rs.getInt(6)));
                    allProducts.add(rs.getLong(4));
                }
            }
        }
        Allocator allocator = new Allocator(StockLocks.lockSellable(c, allProducts));
        List<Reservation> reservations = new ArrayList<>();
        List<Long> served = new ArrayList<>();
        for (var e : waiting.entrySet()) {
            List<WaitingLine> lines = e.getValue();
            List<Allocator.Demand> demand = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++)
                demand.add(new Allocator.Demand(i, lines.get(i).productId(), lines.get(i).sku(), lines.get(i).quantity()));
            Allocator.Outcome out = allocator.allocate(demand);
            if (!out.served()) continue;
            served.add(e.getKey());
            for (Allocator.Take t : out.takes())
                reservations.add(new Reservation(e.getKey(), lines.get(t.ref()).lineId(), t.stockId(), t.quantity()));
        }
        if (served.isEmpty()) return 0;
        Reservations.reserve(c, reservations, actor);
        // A held order keeps its hold (the channel has not released it): it now holds its units too.
        try (PreparedStatement ps = c.prepareStatement("""
                with served as (
                  update orders o set status = case when o.status = 'HELD' then 'HELD' else 'ALLOCATED' end, backorder_reason = null,
                         updated_at = now()
                   where o.id = any(?) returning o.id, o.status)
                insert into order_event (order_id, from_status, to_status, actor, note)
                select id, case when status = 'HELD' then 'HELD' else 'BACKORDERED' end, status, ?, 'stock arrived' from served""")) {
            ps.setArray(1, Sql.longs(c, served));
            ps.setString(2, actor);
            ps.executeUpdate();
        }
        return served.size();
    }
}
