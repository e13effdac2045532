package io.surgewms.inventory;

import io.surgewms.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Locks the sellable stock rows of a set of SKUs, always in stock-id order so that concurrent
 * writers (any number of instances) queue up instead of deadlocking. Holding these locks is what
 * makes read-then-reserve safe: nobody else can reserve the same units until we commit.
 */
public final class StockLocks {
    private StockLocks() {}

    static final String SELLABLE = "('PICK_FACE','RESERVE')";

    /** Locks every stock row of these SKUs (any bin kind), in id order: the first step of every stock change. */
    public static void lockAll(Connection c, Collection<Long> productIds) throws SQLException {
        if (productIds.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("select id from stock where product_id = any(?) order by id for update")) {
            ps.setArray(1, Sql.longs(c, productIds));
            ps.executeQuery().close();
        }
    }

    /** Locks these stock rows in id order. */
    public static void lockRows(Connection c, Collection<Long> stockIds) throws SQLException {
        if (stockIds.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("select id from stock where id = any(?) order by id for update")) {
            ps.setArray(1, Sql.longs(c, stockIds));
            ps.executeQuery().close();
        }
    }

    public static Map<Long, List<Bin>> lockSellable(Connection c, Collection<Long> productIds) throws SQLException {
        Map<Long, List<Bin>> bins = new HashMap<>();
        if (productIds.isEmpty()) return bins;
        try (PreparedStatement ps = c.prepareStatement("""
                select s.id, s.product_id, s.on_hand - s.allocated, l.kind = 'PICK_FACE', l.pick_seq
                  from stock s join location l on l.id = s.location_id
                 where s.product_id = any(?) and l.active and l.kind in """ + SELLABLE + """
                 order by s.id
                   for update of s""")) {
            ps.setArray(1, Sql.longs(c, productIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Bin b = new Bin(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4), rs.getInt(5));
                    bins.computeIfAbsent(b.productId, k -> new ArrayList<>()).add(b);
                }
            }
        }
        Comparator<Bin> preference = Comparator.<Bin, Boolean>comparing(b -> !b.pickFace)
                .thenComparingInt(b -> b.pickSeq).thenComparingLong(b -> b.stockId);
        bins.values().forEach(l -> l.sort(preference));
        return bins;
    }
}
