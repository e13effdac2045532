package io.surgewms.intake.shopify;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Shopify's fulfillment orders on hold (table shopify_hold): a Shopify order is held in Surge while one of its
 * fulfillment orders is. Remembered whether or not the order has arrived, so a create that comes after its hold
 * (or an orders/updated standing in for a missed create) is taken held. Each statement commits on its own.
 */
@ApplicationScoped
public class ShopifyHolds {

    @Inject AgroalDataSource db;

    public void remember(long accountId, String fulfillmentOrder, String orderId, String reason) {
        update("""
                insert into shopify_hold (account_id, fulfillment_order, order_id, reason) values (?, ?, ?, ?)
                on conflict (account_id, fulfillment_order) do update set reason = excluded.reason, order_id = excluded.order_id""",
                accountId, fulfillmentOrder, orderId, reason);
    }

    /** Forgets a released hold; answers the order it held, or null when none was remembered. */
    public String forget(long accountId, String fulfillmentOrder) {
        return one("delete from shopify_hold where account_id = ? and fulfillment_order = ? returning order_id", accountId, fulfillmentOrder);
    }

    /** Forgets the order's holds on fulfillment orders other than these (released while no webhook said so). */
    public void forgetAllBut(long accountId, String orderId, java.util.Collection<String> stillHeld) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from shopify_hold where account_id = ? and order_id = ? and not (fulfillment_order = any (?))")) {
            ps.setLong(1, accountId);
            ps.setString(2, orderId);
            ps.setArray(3, c.createArrayOf("text", stillHeld.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    /** The Shopify order of a remembered fulfillment order, or null. */
    public String orderOf(long accountId, String fulfillmentOrder) {
        return one("select order_id from shopify_hold where account_id = ? and fulfillment_order = ?", accountId, fulfillmentOrder);
    }

    /** Why the order is held (its holds' reasons), or null when none of its fulfillment orders is. */
    public String heldWhy(long accountId, String orderId) {
        return one("""
                select 'on hold on Shopify: ' || string_agg(coalesce(reason, 'no reason given'), '; ' order by held_at)
                  from shopify_hold where account_id = ? and order_id = ? having count(*) > 0""", accountId, orderId);
    }

    private String one(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }
}
