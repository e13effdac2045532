package io.surgewms.intake;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A channel puts an order it already sent on hold, or releases the hold, without sending the order again
 * (Shopify's fulfillment_orders/placed_on_hold and hold_released). Holding keeps the order's units reserved
 * and keeps it out of waves; an order already on the floor cannot be held back by the database alone, so
 * it gets an exception a supervisor sees on the board. Orders sent again whole (TikTok) are released by
 * intake instead ({@link HeldOrderRelease}).
 */
@ApplicationScoped
public class OrderHolds {

    @Inject AgroalDataSource db;

    /** HELD, RELEASED, TOO_LATE (already on the floor or shipped), UNKNOWN (no such order), or UNCHANGED; the order if any. */
    public record Result(String outcome, String detail, Long orderId) {}

    public Result hold(long shopId, String channel, String externalId, String why, String actor) {
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Long id = null;
                String status = null;
                try (PreparedStatement ps = c.prepareStatement(
                        "select id, status from orders where shop_id = ? and channel = ? and external_id = ? for update")) {
                    ps.setLong(1, shopId);
                    ps.setString(2, channel);
                    ps.setString(3, externalId);
                    try (ResultSet rs = ps.executeQuery()) { if (rs.next()) { id = rs.getLong(1); status = rs.getString(2); } }
                }
                if (id == null) return new Result("UNKNOWN", "no order " + externalId + " yet: it is taken held when it arrives", null);
                if (status.equals("HELD")) return new Result("UNCHANGED", "order " + id + " is already held", id);
                if (status.equals("CANCELLED")) return new Result("UNCHANGED", "order " + id + " is cancelled", id);
                if (!status.equals("ALLOCATED") && !status.equals("BACKORDERED")) {
                    String exception = "put on hold by " + channel + " after it was " + status + ": take it off the floor if it has not left";
                    update(c, "update orders set exception = ?, updated_at = now() where id = ?", exception, id);
                    event(c, id, status, status, actor, exception);
                    return new Result("TOO_LATE", "order " + id + " is " + status + ": " + exception, id);
                }
                // A backorder stays short (backorder_reason kept): it is reserved when stock arrives, as a held order.
                update(c, "update orders set status = 'HELD', hold_reason = ?, updated_at = now() where id = ?", why, id);
                event(c, id, status, "HELD", actor, why);
                return new Result("HELD", "order " + id + " held (was " + status + "); its units stay reserved", id);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    /** Releases a held order whose address is known; one whose address has not come yet stays held. */
    public Result release(long shopId, String channel, String externalId, String actor) {
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    with o as (select id, status, ship_to_line1 is not null known from orders
                                where shop_id = ? and channel = ? and external_id = ? for update),
                         released as (
                      update orders x set status = case when x.backorder_reason is null then 'ALLOCATED' else 'BACKORDERED' end,
                             hold_reason = null, updated_at = now()
                        from o where x.id = o.id and o.status = 'HELD' and o.known returning x.id, x.status)
                    select o.id, o.status, o.known, r.status from o left join released r on r.id = o.id""")) {
                ps.setLong(1, shopId);
                ps.setString(2, channel);
                ps.setString(3, externalId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return new Result("UNKNOWN", "no order " + externalId, null);
                    long id = rs.getLong(1);
                    String now = rs.getString(4);
                    if (now == null) return new Result("UNCHANGED", rs.getString(2).equals("HELD") && !rs.getBoolean(3)
                            ? "order " + id + " stays held: its address has not come yet" : "order " + id + " is " + rs.getString(2), id);
                    event(c, id, "HELD", now, actor, "hold released by " + channel);
                    return new Result("RELEASED", "order " + id + " released: " + now, id);
                }
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    private static void update(Connection c, String sql, String text, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, text);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static void event(Connection c, long id, String from, String to, String actor, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into order_event (order_id, from_status, to_status, actor, note) values (?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, from);
            ps.setString(3, to);
            ps.setString(4, actor);
            ps.setString(5, note);
            ps.executeUpdate();
        }
    }
}
