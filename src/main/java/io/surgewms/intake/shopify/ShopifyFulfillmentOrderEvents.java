package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Shopify's fulfillment-order webhooks that change what the floor may do. Their bodies name the fulfillment order
 * (a gid), never the order (https://shopify.dev/docs/api/webhooks, topics fulfillment_orders/*):
 * <pre>
 * placed_on_hold:                 {"fulfillment_order": {"id", "status": "on_hold", "fulfillment_holds": [{"reason", "reason_notes"}]},
 *                                  "created_fulfillment_hold": {"reason", "reason_notes"}, ...}
 * hold_released:                  {"fulfillment_order": {"id", "status": "open"}}
 * cancellation_request_submitted: {"fulfillment_order": {"id", "status", "request_status"},
 *                                  "fulfillment_order_merchant_request": {"id", "message"}}
 * </pre>
 * The order is the one remembered with a hold, else asked of Shopify (GraphQL {@code fulfillmentOrder { order }}), outside
 * any transaction; when Shopify cannot be asked the webhook is answered 503, so Shopify sends it again.
 */
@ApplicationScoped
public class ShopifyFulfillmentOrderEvents {

    public static final String PLACED_ON_HOLD = "fulfillment_orders/placed_on_hold", HOLD_RELEASED = "fulfillment_orders/hold_released",
            CANCELLATION_REQUESTED = "fulfillment_orders/cancellation_request_submitted";

    /** What was done and the Shopify order it was about (the fulfillment order's gid when unknown). */
    public record Handled(ShopifyOrders.Done done, String remoteId) {}

    @Inject ShopifyOrders orders;
    @Inject ShopifyHolds holds;
    @Inject ShopifyFulfillments fulfillments;

    public static boolean handles(String topic) {
        return PLACED_ON_HOLD.equals(topic) || HOLD_RELEASED.equals(topic) || CANCELLATION_REQUESTED.equals(topic);
    }

    public Handled handle(ChannelAccount account, String topic, JsonNode body) {
        JsonNode fo = body.path("fulfillment_order");
        String foId = ShopifyOrder.text(fo, "id");
        if (foId == null) return new Handled(new ShopifyOrders.Done(200, "REJECTED", "no fulfillment_order.id in the body", null), null);
        if (HOLD_RELEASED.equals(topic) && "on_hold".equalsIgnoreCase(ShopifyOrder.text(fo, "status")))
            return new Handled(new ShopifyOrders.Done(200, "UNCHANGED", foId + " is still on hold (another hold remains)", null), foId);
        String orderId = holds.orderOf(account.id(), foId);
        if (orderId == null) {
            try {
                orderId = fulfillments.orderOf(account, foId);
            } catch (ChannelException e) {
                return new Handled(new ShopifyOrders.Done(503, "RETRY", "could not ask Shopify which order " + foId + " belongs to ("
                        + e.kind() + "): " + e.getMessage(), null), foId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Handled(new ShopifyOrders.Done(503, "RETRY", "interrupted while asking Shopify about " + foId, null), foId);
            }
            if (orderId == null)
                return new Handled(new ShopifyOrders.Done(200, "IGNORED", "Shopify has no fulfillment order " + foId, null), foId);
        }
        ShopifyOrders.Done done = switch (topic) {
            case PLACED_ON_HOLD -> orders.hold(account, foId, orderId, reason(body));
            case HOLD_RELEASED -> orders.release(account, foId, orderId);
            default -> orders.cancellationRequested(account, foId, orderId,
                    ShopifyOrder.text(body.path("fulfillment_order_merchant_request"), "message"));
        };
        return new Handled(done, orderId);
    }

    /** The hold just placed (created_fulfillment_hold, since 2024-10), else the fulfillment order's first hold. */
    static String reason(JsonNode body) {
        JsonNode h = body.path("created_fulfillment_hold");
        if (!h.isObject()) h = body.path("fulfillment_order").path("fulfillment_holds").path(0);
        String reason = ShopifyOrder.text(h, "reason"), notes = ShopifyOrder.text(h, "reason_notes");
        if (reason == null) return notes;
        return notes == null ? reason : reason + " (" + notes + ")";
    }
}
