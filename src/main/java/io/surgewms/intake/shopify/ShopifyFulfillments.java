package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelException;
import io.surgewms.intake.channels.ChannelException.Kind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shopify fulfillment orders through the Admin GraphQL API: tracking back to the buyer, the order behind a fulfillment
 * order, and the answers to a cancellation request. Shapes from shopify.dev/docs/api/admin-graphql: the
 * {@code order.fulfillmentOrders} connection, {@code fulfillmentCreate(fulfillment: FulfillmentInput!)},
 * {@code fulfillmentOrderAcceptCancellationRequest(id, message)} and {@code fulfillmentOrderRejectCancellationRequest(id, message)}.
 */
@Singleton
public class ShopifyFulfillments {

    private static final Logger LOG = Logger.getLogger(ShopifyFulfillments.class);
    /** Fulfilled now with the parcel's tracking. */
    static final Set<String> TO_FULFIL = Set.of("OPEN", "IN_PROGRESS");
    /** Not fulfillable yet: the tracking waits (NOT_YET) until Shopify releases them. */
    static final Set<String> WAITING = Set.of("ON_HOLD", "SCHEDULED", "INCOMPLETE");
    static final Duration WHILE_SHOPIFY_WAITS = Duration.ofSeconds(3);

    static final String FULFILLMENT_ORDERS = """
            query OrderFulfillmentOrders($id: ID!) {
              order(id: $id) {
                id
                fulfillmentOrders(first: 50) {
                  nodes { id status assignedLocation { location { id } } }
                }
              }
            }""";
    static final String FULFIL = """
            mutation Fulfil($fulfillment: FulfillmentInput!) {
              fulfillmentCreate(fulfillment: $fulfillment) {
                fulfillment { id status }
                userErrors { field message }
              }
            }""";
    static final String ORDER_OF = """
            query FulfillmentOrderOrder($id: ID!) {
              fulfillmentOrder(id: $id) {
                id
                status
                order { id legacyResourceId }
              }
            }""";
    static final String ACCEPT_CANCELLATION = """
            mutation AcceptCancellation($id: ID!, $message: String) {
              fulfillmentOrderAcceptCancellationRequest(id: $id, message: $message) {
                fulfillmentOrder { id status requestStatus }
                userErrors { field message }
              }
            }""";
    static final String REJECT_CANCELLATION = """
            mutation RejectCancellation($id: ID!, $message: String) {
              fulfillmentOrderRejectCancellationRequest(id: $id, message: $message) {
                fulfillmentOrder { id status requestStatus }
                userErrors { field message }
              }
            }""";

    private final ShopifyGraphql graphql;

    @Inject
    public ShopifyFulfillments(ShopifyGraphql graphql) {
        this.graphql = graphql;
    }

    /**
     * {@code shipment.shipped} {externalId, carrier, trackingNumber}: the order's OPEN and IN_PROGRESS fulfillment orders
     * are fulfilled with the tracking number and company, the buyer notified (one fulfillment per assigned location).
     * When some are still ON_HOLD or SCHEDULED the tracking is not dropped: NOT_YET, so the outbox sends it again and the
     * next try fulfils them once Shopify has released them. Only when all are CLOSED or CANCELLED is there nothing to send.
     */
    public void fulfil(ChannelAccount account, JsonNode p) throws ChannelException, InterruptedException {
        String order = ShopifyOrder.text(p, "externalId");
        if (order == null) throw new ChannelException(Kind.REJECTED, "shipment.shipped without externalId: " + p);
        ObjectNode vars = graphql.variables().put("id", gid("Order", order));
        JsonNode o = graphql.query(account, FULFILLMENT_ORDERS, vars).path("order");
        if (!o.isObject()) throw new ChannelException(Kind.REJECTED, "Shopify has no order " + order + " on " + account.account());
        Map<String, List<String>> byLocation = new LinkedHashMap<>();
        List<String> waiting = new ArrayList<>();
        for (JsonNode fo : o.path("fulfillmentOrders").path("nodes")) {
            String status = fo.path("status").asText("");
            if (TO_FULFIL.contains(status))
                byLocation.computeIfAbsent(fo.path("assignedLocation").path("location").path("id").asText(""), k -> new ArrayList<>())
                        .add(fo.path("id").asText());
            else if (WAITING.contains(status)) waiting.add(fo.path("id").asText() + " " + status);
        }
        for (List<String> ids : byLocation.values()) {
            ObjectNode f = graphql.variables();
            ObjectNode fulfillment = f.putObject("fulfillment");
            var lines = fulfillment.putArray("lineItemsByFulfillmentOrder");
            for (String id : ids) lines.addObject().put("fulfillmentOrderId", id); // no line items: the whole fulfillment order
            ObjectNode tracking = fulfillment.putObject("trackingInfo");
            tracking.put("number", ShopifyOrder.text(p, "trackingNumber"));
            tracking.put("company", ShopifyOrder.text(p, "carrier"));
            fulfillment.put("notifyCustomer", true);
            graphql.mutate(account, "fulfillmentCreate", FULFIL, f);
        }
        if (!waiting.isEmpty())
            throw new ChannelException(Kind.NOT_YET, "Shopify order " + order + " has fulfillment orders not yet fulfillable ("
                    + String.join(", ", waiting) + "): tracking " + ShopifyOrder.text(p, "trackingNumber") + " is sent when Shopify releases them");
        if (byLocation.isEmpty())
            LOG.infof("Shopify order %s of %s has every fulfillment order closed or cancelled: nothing to send", order, account.account());
    }

    /**
     * The Shopify order id (numeric) of a fulfillment order; null when Shopify has no such fulfillment order. Asked while
     * Shopify waits for our answer to its webhook, so it waits at most {@link #WHILE_SHOPIFY_WAITS}.
     */
    public String orderOf(ChannelAccount account, String fulfillmentOrder) throws ChannelException, InterruptedException {
        JsonNode fo = graphql.query(account, ORDER_OF, graphql.variables().put("id", gid("FulfillmentOrder", fulfillmentOrder)), WHILE_SHOPIFY_WAITS)
                .path("fulfillmentOrder");
        if (!fo.isObject()) return null;
        String legacy = ShopifyOrder.text(fo.path("order"), "legacyResourceId");
        return legacy != null ? legacy : legacyId(ShopifyOrder.text(fo.path("order"), "id"));
    }

    /** {@code shopify.cancellation} {fulfillmentOrder, accept, message}: the answer to a cancellation request. */
    public void answerCancellation(ChannelAccount account, JsonNode p) throws ChannelException, InterruptedException {
        String fo = ShopifyOrder.text(p, "fulfillmentOrder");
        if (fo == null) throw new ChannelException(Kind.REJECTED, "shopify.cancellation without fulfillmentOrder: " + p);
        boolean accept = p.path("accept").asBoolean(false);
        ObjectNode vars = graphql.variables().put("id", gid("FulfillmentOrder", fo)).put("message", ShopifyOrder.text(p, "message"));
        if (accept) graphql.mutate(account, "fulfillmentOrderAcceptCancellationRequest", ACCEPT_CANCELLATION, vars);
        else graphql.mutate(account, "fulfillmentOrderRejectCancellationRequest", REJECT_CANCELLATION, vars);
    }

    /** gid://shopify/{type}/{id} for a numeric id; a gid is kept as it is. */
    static String gid(String type, String id) {
        return id.startsWith("gid://") ? id : "gid://shopify/" + type + "/" + id;
    }

    /** The numeric id at the end of a gid (query strings such as ?foo are cut); null stays null. */
    static String legacyId(String gid) {
        if (gid == null) return null;
        String s = gid.contains("?") ? gid.substring(0, gid.indexOf('?')) : gid;
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
