package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.surgewms.intake.OrderHolds;
import io.surgewms.intake.OrderIntake;
import io.surgewms.intake.OrderResult;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelCancellations;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What Surge does with news of a Shopify order, the same whoever brings it (a webhook, or reconciliation through
 * {@link ShopifyOrderSync}): take it (held while one of its fulfillment orders is on hold), cancel it, hold it or
 * release it. Webhooks can come in any order; each step checks the remembered holds so every order ends in the state
 * Shopify has, whichever news came first.
 */
@ApplicationScoped
public class ShopifyOrders {

    static final String ACTOR = "shopify";
    /** An order in these states can still be held by the database alone (see OrderHolds). */
    private static final Set<String> HOLDABLE = Set.of("ALLOCATED", "BACKORDERED");

    /** What was done: the HTTP status to answer a webhook with, the outcome to record, why, and the order if any. */
    public record Done(int status, String outcome, String detail, Long orderId) {}

    @Inject AgroalDataSource db;
    @Inject OrderIntake intake;
    @Inject OrderHolds orderHolds;
    @Inject ShopifyHolds holds;
    @Inject ChannelCancellations cancellations;
    @Inject ManagedExecutor workers;

    /**
     * Takes the order (orders/create, or orders/updated for an order not seen yet): held when a hold is remembered for
     * it. The answer comes once intake has committed, without holding a worker meanwhile; a hold or release that arrived
     * while it was being written is applied then.
     */
    public CompletionStage<Done> take(ChannelAccount account, JsonNode order) {
        String id = ShopifyOrder.id(order);
        String why = id == null ? null : holds.heldWhy(account.id(), id);
        ShopifyOrder.Mapped m = ShopifyOrder.map(order, account, variant -> skuOfVariant(account.id(), variant), cut(why));
        if (m.ignored() != null) return done(new Done(200, "IGNORED", m.ignored(), null));
        // A Shopify order that cannot become an order is answered 200 and kept visible: a 4xx would only make
        // Shopify retry the same body and, after repeated failures, drop the subscription.
        if (m.rejected() != null) return done(new Done(200, "REJECTED", m.rejected(), null));
        return intake.submit(List.of(m.order())).thenApplyAsync(results -> {
            OrderResult r = results.get(0);
            if (r.outcome() == OrderResult.Outcome.REJECTED) {
                String reason = r.problem() == null ? "rejected by intake" : r.problem().detail();
                int status = r.problem() != null && r.problem().status() >= 500 ? r.problem().status() : 200; // 5xx: Shopify sends it again
                return new Done(status, "REJECTED", reason, null);
            }
            // Only an order this call wrote can have missed a hold (an existing one was there for the hold webhook to find).
            boolean wrote = r.outcome() == OrderResult.Outcome.CREATED || r.outcome() == OrderResult.Outcome.RELEASED;
            String detail = r.status() + (wrote ? align(account, id, r.status()) : "");
            return new Done(200, r.outcome().name(), detail, r.orderId());
        }, workers);
    }

    /** A hold remembered or forgotten while the order was on its way in: its state follows the holds now. */
    private String align(ChannelAccount account, String id, String status) {
        String why = holds.heldWhy(account.id(), id);
        if (why != null && HOLDABLE.contains(status))
            return "; " + orderHolds.hold(account.shopId(), "shopify", id, cut(why), ACTOR).detail();
        if (why == null && "HELD".equals(status))
            return "; " + orderHolds.release(account.shopId(), "shopify", id, ACTOR).detail();
        return "";
    }

    public Done cancel(ChannelAccount account, String orderId) {
        ChannelCancellations.Result r = cancellations.cancel(account, "shopify", "Shopify", orderId, ACTOR);
        return new Done(200, r.outcome(), r.detail(), r.orderId());
    }

    /**
     * A fulfillment order of the order was put on hold: remembered (so a create still to come is taken held), and the
     * order held if Surge has it: its units stay reserved, it is never waved. Outcome HELD, UNCHANGED, TOO_LATE (on the
     * floor already: flagged for a supervisor), or REMEMBERED (the order has not come yet).
     */
    public Done hold(ChannelAccount account, String fulfillmentOrder, String orderId, String reason) {
        String why = reason == null ? "on hold on Shopify" : "on hold on Shopify: " + reason;
        holds.remember(account.id(), fulfillmentOrder, orderId, reason);
        OrderHolds.Result r = orderHolds.hold(account.shopId(), "shopify", orderId, cut(why), ACTOR);
        return new Done(200, r.outcome().equals("UNKNOWN") ? "REMEMBERED" : r.outcome(), r.detail(), r.orderId());
    }

    /** A hold was released: the order flows on once none of its fulfillment orders is on hold any more. */
    public Done release(ChannelAccount account, String fulfillmentOrder, String orderId) {
        holds.forget(account.id(), fulfillmentOrder);
        String still = holds.heldWhy(account.id(), orderId);
        if (still != null) return new Done(200, "UNCHANGED", "order " + orderId + " stays held: " + still, null);
        OrderHolds.Result r = orderHolds.release(account.shopId(), "shopify", orderId, ACTOR);
        return new Done(200, r.outcome(), r.detail(), r.orderId());
    }

    /**
     * Shopify asks us, as the fulfillment service, to cancel a fulfillment order: the Surge order is cancelled unless it
     * has shipped (its reservations go back), and the request is accepted; after shipping it is rejected with why. The
     * answer goes to Shopify through the outbox (topic {@value ShopifyClient#CANCELLATION}), so it is retried and never
     * sits between Shopify's webhook and our 200.
     */
    public Done cancellationRequested(ChannelAccount account, String fulfillmentOrder, String orderId, String message) {
        ChannelCancellations.Result r = cancellations.cancel(account, "shopify", "Shopify", orderId, ACTOR);
        boolean accept = !r.outcome().equals("REFUSED");
        String answer = accept ? "Cancelled in the warehouse before it shipped" : "Already shipped from the warehouse: it comes back as a return";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into outbox (topic, key, payload, account_id)
                select ?, ?, jsonb_build_object('fulfillmentOrder', ?::text, 'orderId', ?::text, 'accept', ?::boolean, 'message', ?::text), ?
                 where not exists (select 1 from outbox where topic = ? and key = ? and sent_at is null)""")) {
            String key = "shopify:" + account.id() + ":" + fulfillmentOrder;
            ps.setString(1, ShopifyClient.CANCELLATION);
            ps.setString(2, key);
            ps.setString(3, fulfillmentOrder);
            ps.setString(4, orderId);
            ps.setBoolean(5, accept);
            ps.setString(6, answer);
            ps.setLong(7, account.id());
            ps.setString(8, ShopifyClient.CANCELLATION);
            ps.setString(9, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        String asked = message == null ? "" : " (asked: " + message + ")";
        return new Done(200, r.outcome(), r.detail() + "; cancellation request " + (accept ? "accepted" : "rejected") + asked, r.orderId());
    }

    /** Our SKU for a Shopify variant id mapped in channel_sku (as the number or as its gid), else null. */
    String skuOfVariant(long accountId, String variant) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select p.sku from channel_sku m join product p on p.id = m.product_id
                 where m.account_id = ? and m.channel_sku in (?, ?) order by m.channel_sku limit 1""")) {
            ps.setLong(1, accountId);
            ps.setString(2, variant);
            ps.setString(3, ShopifyFulfillments.gid("ProductVariant", variant));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    static CompletionStage<Done> done(Done d) {
        return CompletableFuture.completedFuture(d);
    }

    /** hold_reason holds at most 200 characters (OrderRequest.hold). */
    private static String cut(String why) {
        return why == null || why.length() <= 200 ? why : why.substring(0, 197) + "...";
    }
}
