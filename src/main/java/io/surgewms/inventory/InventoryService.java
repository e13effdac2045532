package io.surgewms.inventory;

import io.agroal.api.AgroalDataSource;
import io.surgewms.inventory.InventoryRequests.Adjustment;
import io.surgewms.inventory.InventoryRequests.Move;
import io.surgewms.inventory.InventoryRequests.Receipt;
import io.surgewms.inventory.InventoryRequests.ReceiptLine;
import io.surgewms.inventory.InventoryRequests.ReceiptResult;
import io.surgewms.inventory.InventoryRequests.StockLevel;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Receipts, adjustments and moves. Each changes stock rows under a row lock and writes one ledger
 * row per change in the same transaction; units that become sellable are offered to backorders.
 */
@ApplicationScoped
public class InventoryService {

    @Inject AgroalDataSource db;
    @Inject Event<StockAvailable> stockAvailable;
    @Inject StockLookup lookup;

    public ReceiptResult receive(Receipt r, String actor) {
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                return receive(c, r, actor);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    ReceiptResult receive(Connection c, Receipt r, String actor) throws SQLException {
        long shopId = lookup.shopId(c, r.shop(), "shop");
        List<Problem.FieldError> errors = new ArrayList<>();
        record Resolved(long productId, long locationId, ReceiptLine line) {}
        List<Resolved> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            ReceiptLine l = r.lines().get(i);
            Long p = lookup.productId(c, shopId, l.sku());
            Long loc = lookup.locationId(c, l.location());
            if (p == null) errors.add(new Problem.FieldError("lines[" + i + "].sku", "unknown SKU '" + l.sku() + "' for shop '" + r.shop() + "'"));
            else if (lookup.isBundle(c, p)) {
                errors.add(new Problem.FieldError("lines[" + i + "].sku", "'" + l.sku() + "' is a bundle: receive its components"));
                p = null;
            }
            if (loc == null) errors.add(new Problem.FieldError("lines[" + i + "].location", "unknown location '" + l.location() + "'"));
            if (p != null && loc != null) lines.add(new Resolved(p, loc, l));
        }
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        // Same order of row locks in every receipt: fewer deadlocks between concurrent receipts.
        lines.sort(Comparator.comparingLong(Resolved::productId).thenComparingLong(Resolved::locationId));

        long receiptId;
        try (PreparedStatement ps = c.prepareStatement(
                "insert into receipt (shop_id, reference, actor) values (?, ?, ?) returning id")) {
            ps.setLong(1, shopId);
            ps.setString(2, r.reference());
            ps.setString(3, actor);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); receiptId = rs.getLong(1); }
        }
        List<StockLevel> levels = new ArrayList<>();
        Set<Long> products = new HashSet<>();
        for (Resolved l : lines) {
            ensureRow(c, l.productId(), l.locationId());
            products.add(l.productId());
        }
        StockLocks.lockAll(c, products);
        for (Resolved l : lines) {
            long stockId = upsertOnHand(c, l.productId(), l.locationId(), l.line().quantity());
            ledger(c, stockId, "RECEIPT", l.line().quantity(), "receipt:" + receiptId + ":" + r.reference(), actor, null);
            products.add(l.productId());
        }
        int before = countBackorders(c, products);
        stockAvailable.fire(new StockAvailable(c, products, actor));
        int after = countBackorders(c, products);
        for (Resolved l : lines) levels.add(level(c, l.productId(), l.locationId(), l.line().sku(), l.line().location()));
        return new ReceiptResult(receiptId, r.reference(), levels, before - after);
    }

    public StockLevel adjust(Adjustment a, String actor) {
        if ((a.delta() == null) == (a.countedQuantity() == null))
            throw ProblemException.invalid("delta", "give either delta or countedQuantity");
        if (a.delta() != null && a.delta() == 0) throw ProblemException.invalid("delta", "must not be 0");
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                long shopId = lookup.shopId(c, a.shop(), "shop");
                long productId = lookup.requireProduct(c, shopId, a.sku(), "sku");
                long locationId = lookup.requireLocation(c, a.location(), "location");
                long stockId = ensureRow(c, productId, locationId);
                StockLocks.lockAll(c, Set.of(productId));
                int[] row = lockRow(c, stockId);
                int target = a.countedQuantity() != null ? a.countedQuantity() : row[0] + a.delta();
                if (target < 0) throw ProblemException.conflict("Adjustment would leave " + target + " units on hand at " + a.location());
                if (target < row[1]) throw ProblemException.conflict(row[1] + " units at " + a.location()
                        + " are reserved for orders; adjusting to " + target + " would oversell them: cancel or move the reservations first");
                int delta = target - row[0];
                if (delta != 0) {
                    setOnHand(c, stockId, delta);
                    ledger(c, stockId, "ADJUSTMENT", delta, "adjustment", actor, a.reason());
                    if (delta > 0) stockAvailable.fire(new StockAvailable(c, Set.of(productId), actor));
                }
                return level(c, productId, locationId, a.sku(), a.location());
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    public List<StockLevel> move(Move m, String actor) {
        if (m.from().equals(m.to())) throw ProblemException.invalid("to", "must differ from 'from'");
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                long shopId = lookup.shopId(c, m.shop(), "shop");
                long productId = lookup.requireProduct(c, shopId, m.sku(), "sku");
                long fromId = lookup.requireLocation(c, m.from(), "from");
                long toId = lookup.requireLocation(c, m.to(), "to");
                Long fromStock = stockId(c, productId, fromId);
                if (fromStock == null) throw ProblemException.conflict("No " + m.sku() + " at " + m.from());
                long toStock = ensureRow(c, productId, toId);
                StockLocks.lockAll(c, Set.of(productId));
                int[] from = lockRow(c, fromStock);
                int free = from[0] - from[1];
                if (free < m.quantity()) throw ProblemException.conflict("Only " + free + " unreserved units of "
                        + m.sku() + " at " + m.from() + " (" + from[1] + " reserved); cannot move " + m.quantity());
                String ref = "move:" + m.from() + "->" + m.to();
                setOnHand(c, fromStock, -m.quantity());
                ledger(c, fromStock, "MOVE_OUT", -m.quantity(), ref, actor, null);
                setOnHand(c, toStock, m.quantity());
                ledger(c, toStock, "MOVE_IN", m.quantity(), ref, actor, null);
                stockAvailable.fire(new StockAvailable(c, Set.of(productId), actor));
                return List.of(level(c, productId, fromId, m.sku(), m.from()), level(c, productId, toId, m.sku(), m.to()));
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    /**
     * One returned unit back on the books at a bin, in the caller's transaction: +1 on hand with a RETURN
     * ledger row naming the order. At a sellable bin (pick face, reserve) it is offered to backorders at
     * once, as a receipt's units are; in quarantine it only counts. Answers the stock row's id.
     */
    public long bookReturn(Connection c, long productId, long locationId, long orderId, String reference, String actor, String note) throws SQLException {
        long stockId = ensureRow(c, productId, locationId);
        StockLocks.lockAll(c, Set.of(productId));
        setOnHand(c, stockId, 1);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_on_hand, order_id, reference, actor, note) values (?, 'RETURN', 1, ?, ?, ?, ?)""")) {
            ps.setLong(1, stockId);
            ps.setLong(2, orderId);
            ps.setString(3, reference);
            ps.setString(4, actor);
            ps.setString(5, note);
            ps.executeUpdate();
        }
        boolean sellable;
        try (PreparedStatement ps = c.prepareStatement("select kind in " + StockLocks.SELLABLE + " and active from location where id = ?")) {
            ps.setLong(1, locationId);
            try (ResultSet rs = ps.executeQuery()) { sellable = rs.next() && rs.getBoolean(1); }
        }
        if (sellable) stockAvailable.fire(new StockAvailable(c, Set.of(productId), actor));
        return stockId;
    }

    /** Creates the stock row if missing and adds units; returns its id (the row is now locked). */
    static long upsertOnHand(Connection c, long productId, long locationId, int add) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock (product_id, location_id, on_hand) values (?, ?, ?)
                on conflict (product_id, location_id) do update set on_hand = stock.on_hand + excluded.on_hand, updated_at = now()
                returning id""")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            ps.setInt(3, add);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        }
    }

    /** Creates the stock row if missing, without locking an existing one; returns its id. */
    static long ensureRow(Connection c, long productId, long locationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into stock (product_id, location_id) values (?, ?) on conflict (product_id, location_id) do nothing")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            ps.executeUpdate();
        }
        return stockId(c, productId, locationId);
    }

    static Long stockId(Connection c, long productId, long locationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from stock where product_id = ? and location_id = ?")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }

    /** Locks a stock row and returns {on_hand, allocated}. */
    static int[] lockRow(Connection c, long stockId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select on_hand, allocated from stock where id = ? for update")) {
            ps.setLong(1, stockId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return new int[]{rs.getInt(1), rs.getInt(2)}; }
        }
    }

    static void setOnHand(Connection c, long stockId, int delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update stock set on_hand = on_hand + ?, updated_at = now() where id = ?")) {
            ps.setInt(1, delta);
            ps.setLong(2, stockId);
            ps.executeUpdate();
        }
    }

    static void ledger(Connection c, long stockId, String kind, int deltaOnHand, String ref, String actor, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_on_hand, reference, actor, note) values (?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, stockId);
            ps.setString(2, kind);
            ps.setInt(3, deltaOnHand);
            ps.setString(4, ref);
            ps.setString(5, actor);
            ps.setString(6, note);
            ps.executeUpdate();
        }
    }

    private static StockLevel level(Connection c, long productId, long locationId, String sku, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select on_hand, allocated from stock where product_id = ? and location_id = ?")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StockLevel(sku, location, rs.getInt(1), rs.getInt(2));
            }
        }
    }

    private static int countBackorders(Connection c, Set<Long> products) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select count(distinct o.id) from orders o join order_line l on l.order_id = o.id
                 where o.status = 'BACKORDERED' and l.product_id = any(?)""")) {
            ps.setArray(1, io.surgewms.platform.Sql.longs(c, products));
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getInt(1); }
        }
    }
}
