package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.surgewms.intake.OrderService;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A channel says an order was cancelled: the Surge order of that channel identity is cancelled (its
 * reservations go back) unless it has shipped. A shipped one is refused visibly, for a person to start
 * a return: the order gets an exception (the board lists it) and an order event. A cancellation of an
 * order Surge has not seen yet is kept (see {@link #rememberCancelled}). One rule for every channel, so
 * TikTok Shop and Shopify cannot drift apart.
 */
@ApplicationScoped
public class ChannelCancellations {

    private static final Logger LOG = Logger.getLogger(ChannelCancellations.class);

    @Inject AgroalDataSource db;
    @Inject OrderService orders;

    /** What was done: IGNORED (no such order), CANCELLED or REFUSED, why, and the order if there is one. */
    public record Result(String outcome, String detail, Long orderId) {}

    /**
     * A cancellation that arrives before its order (webhooks out of order, a create that was missed) is kept as a
     * cancelled order with no lines under the order's identity. The identity is unique, so the order arriving later,
     * on any instance, finds it and is answered EXISTING/CANCELLED: it never reserves stock or ships. Null when the order
     * was written meanwhile.
     */
    private Long rememberCancelled(ChannelAccount a, String channel, String channelName, String externalId, String actor) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                with kept as (
                  insert into orders (shop_id, channel, external_id, status, ship_by, carrier, service, units)
                  values (?, ?, ?, 'CANCELLED', now(), ?, ?, 0)
                  on conflict on constraint orders_identity do nothing returning id),
                     logged as (
                  insert into order_event (order_id, from_status, to_status, actor, note)
                  select id, 'RECEIVED', 'CANCELLED', ?, ? from kept)
                select id from kept""")) {
            ps.setLong(1, a.shopId());
            ps.setString(2, channel);
            ps.setString(3, externalId);
            ps.setString(4, a.defaultCarrier());
            ps.setString(5, a.defaultService());
            ps.setString(6, actor);
            ps.setString(7, "cancelled on " + channelName + " before Surge took it");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    /** @param channelName how the channel is named to people, e.g. "TikTok Shop" */
    public Result cancel(ChannelAccount account, String channel, String channelName, String externalId, String actor) {
        Long id = null;
        String status = null;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, status from orders where shop_id = ? and channel = ? and external_id = ?")) {
            ps.setLong(1, account.shopId());
            ps.setString(2, channel);
            ps.setString(3, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) { id = rs.getLong(1); status = rs.getString(2); }
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        if (id == null) {
            Long placeholder = rememberCancelled(account, channel, channelName, externalId, actor);
            if (placeholder != null)
                return new Result("CANCELLED", "order " + externalId + " was cancelled on " + channelName + " before Surge took it: kept as cancelled order "
                        + placeholder + ", so the order, if it comes late, is not taken", placeholder);
            return cancel(account, channel, channelName, externalId, actor); // it arrived meanwhile: cancel it
        }
        if (status.equals("CANCELLED")) return new Result("CANCELLED", "order " + id + " was already cancelled", id);
        try {
            if (!status.equals("SHIPPED")) {
                orders.cancel(id, "cancelled on " + channelName, actor);
                return new Result("CANCELLED", "order " + id + " cancelled (was " + status + "); its reservations went back", id);
            }
        } catch (ProblemException e) {
            if (e.problem().status() != 409) throw e; // shipped meanwhile: refused below
        }
        String why = "cancelled on " + channelName + " after it shipped (order " + externalId
                + "): refused, the parcel is on its way; start a return or contact the buyer";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                with flagged as (update orders set exception = ?, updated_at = now() where id = ? returning id)
                insert into order_event (order_id, from_status, to_status, actor, note) select id, 'SHIPPED', 'SHIPPED', ?, ? from flagged""")) {
            ps.setString(1, why);
            ps.setLong(2, id);
            ps.setString(3, actor);
            ps.setString(4, why);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        LOG.warnf("%s order %s of %s %s", channelName, externalId, account.shop(), why);
        return new Result("REFUSED", why, id);
    }
}
