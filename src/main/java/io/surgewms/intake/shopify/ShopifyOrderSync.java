package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Reconciliation with Shopify: the orders of an account updated since an instant, read through the Admin GraphQL
 * {@code orders} connection (https://shopify.dev/docs/api/admin-graphql/2026-10/queries/orders), each mapped as its
 * webhook would be, so a missed or late webhook ends in the state Shopify has.
 */
@ApplicationScoped
public class ShopifyOrderSync {

    static final String ORDERS = """
            query OrdersUpdatedSince($first: Int!, $after: String, $query: String!) {
              orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
                pageInfo { hasNextPage endCursor }
                nodes {
                  id legacyResourceId createdAt updatedAt cancelledAt email
                  shippingAddress { name firstName lastName company address1 address2 city provinceCode zip countryCodeV2 phone }
                  shippingLine { title code }
                  lineItems(first: 100) { nodes { id sku quantity currentQuantity requiresShipping variant { legacyResourceId } } }
                  fulfillmentOrders(first: 20) { nodes { id status fulfillmentHolds { reason reasonNotes } } }
                }
              }
            }""";

    /**
     * One Shopify order as reconciliation sees it.
     *
     * @param orderId         Shopify's order id (the Surge order's external_id)
     * @param mapped          the order as orders/create would take it, with {@code hold} set when it is held on Shopify;
     *                        or why it is ignored or cannot be taken
     * @param cancelled       Shopify cancelled it (cancelledAt set): cancel, do not take
     * @param heldFulfillmentOrders its fulfillment orders ON_HOLD now (gid → reason); empty when none
     * @param updatedAt       when Shopify last changed it: the next {@code since}
     * @param order           the order in the orders/create webhook's shape
     */
    public record Reconciled(String orderId, ShopifyOrder.Mapped mapped, boolean cancelled, Map<String, String> heldFulfillmentOrders,
                             Instant updatedAt, JsonNode order) {
        public boolean held() {
            return !heldFulfillmentOrders.isEmpty();
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    @Inject ShopifyGraphql graphql;
    @Inject ShopifyOrders orders;
    @Inject ShopifyHolds holds;

    /**
     * The account's orders updated at or after {@code since}, oldest change first, at most {@code max} (pages of up to 100).
     * Each is mapped like its webhook: {@link Reconciled#mapped()} is what orders/create takes (held when a fulfillment order
     * is on hold), {@link Reconciled#cancelled()} says orders/cancelled applies, {@link Reconciled#heldFulfillmentOrders()}
     * what placed_on_hold said. {@link #apply} does what the webhooks would have done; a caller pages on with the last
     * {@code updatedAt}. A Shopify failure throws (RATE_LIMITED with its wait: try the same window again later).
     */
    public List<Reconciled> ordersUpdatedSince(ChannelAccount account, Instant since, int max) throws ChannelException, InterruptedException {
        List<Reconciled> out = new ArrayList<>();
        String after = null;
        String query = "updated_at:>='" + since.truncatedTo(ChronoUnit.SECONDS) + "'";
        while (out.size() < max) {
            ObjectNode vars = graphql.variables().put("first", Math.min(100, max - out.size())).put("query", query);
            if (after == null) vars.putNull("after");
            else vars.put("after", after);
            JsonNode page = graphql.query(account, ORDERS, vars).path("orders");
            for (JsonNode o : page.path("nodes")) if (out.size() < max) out.add(reconciled(account, o));
            JsonNode info = page.path("pageInfo");
            if (!info.path("hasNextPage").asBoolean(false)) break;
            after = info.path("endCursor").asText(null);
            if (after == null) break;
        }
        return out;
    }

    /**
     * What the webhooks would have done: a cancelled order is cancelled; else its holds are remembered as Shopify has them
     * now (holds released meanwhile forgotten) and the order taken, held or released to match.
     */
    public CompletionStage<ShopifyOrders.Done> apply(ChannelAccount account, Reconciled r) {
        if (r.cancelled()) return ShopifyOrders.done(orders.cancel(account, r.orderId()));
        holds.forgetAllBut(account.id(), r.orderId(), r.heldFulfillmentOrders().keySet());
        r.heldFulfillmentOrders().forEach((fo, why) -> holds.remember(account.id(), fo, r.orderId(), why));
        return orders.take(account, r.order());
    }

    private Reconciled reconciled(ChannelAccount account, JsonNode o) {
        ObjectNode rest = restShape(o);
        Map<String, String> held = new LinkedHashMap<>();
        for (JsonNode fo : o.path("fulfillmentOrders").path("nodes"))
            if ("ON_HOLD".equals(fo.path("status").asText())) {
                JsonNode h = fo.path("fulfillmentHolds").path(0);
                String reason = ShopifyOrder.text(h, "reason"), notes = ShopifyOrder.text(h, "reasonNotes");
                held.put(fo.path("id").asText(), reason == null ? notes : notes == null ? reason : reason + " (" + notes + ")");
            }
        String why = held.isEmpty() ? null : "on hold on Shopify: " + String.join("; ", held.values().stream().map(v -> v == null ? "no reason given" : v).toList());
        if (why != null && why.length() > 200) why = why.substring(0, 197) + "...";
        ShopifyOrder.Mapped m = ShopifyOrder.map(rest, account, v -> orders.skuOfVariant(account.id(), v), why);
        String updated = ShopifyOrder.text(o, "updatedAt");
        return new Reconciled(ShopifyOrder.id(rest), m, ShopifyOrder.text(o, "cancelledAt") != null, held,
                updated == null ? null : Instant.parse(updated), rest);
    }

    /** The GraphQL order in the REST/webhook shape ShopifyOrder maps, so both paths map through the same code. */
    ObjectNode restShape(JsonNode o) {
        ObjectNode r = json.createObjectNode();
        String legacy = ShopifyOrder.text(o, "legacyResourceId");
        r.put("id", legacy != null ? legacy : ShopifyFulfillments.legacyId(ShopifyOrder.text(o, "id")));
        r.put("created_at", ShopifyOrder.text(o, "createdAt"));
        r.put("cancelled_at", ShopifyOrder.text(o, "cancelledAt"));
        r.put("email", ShopifyOrder.text(o, "email"));
        JsonNode a = o.path("shippingAddress");
        if (a.isObject()) {
            ObjectNode s = r.putObject("shipping_address");
            String[][] fields = {{"name", "name"}, {"first_name", "firstName"}, {"last_name", "lastName"}, {"company", "company"},
                    {"address1", "address1"}, {"address2", "address2"}, {"city", "city"}, {"province_code", "provinceCode"},
                    {"zip", "zip"}, {"country_code", "countryCodeV2"}, {"phone", "phone"}};
            for (String[] f : fields) s.put(f[0], ShopifyOrder.text(a, f[1]));
        } else r.putNull("shipping_address");
        JsonNode line = o.path("shippingLine");
        if (line.isObject()) r.putArray("shipping_lines").addObject().put("title", ShopifyOrder.text(line, "title")).put("code", ShopifyOrder.text(line, "code"));
        ArrayNode items = r.putArray("line_items");
        for (JsonNode li : o.path("lineItems").path("nodes")) {
            ObjectNode i = items.addObject();
            i.put("id", ShopifyFulfillments.legacyId(ShopifyOrder.text(li, "id")));
            i.put("variant_id", ShopifyOrder.text(li.path("variant"), "legacyResourceId"));
            i.put("sku", ShopifyOrder.text(li, "sku"));
            // what is still to ship after edits and removals
            i.put("quantity", li.path("currentQuantity").isNumber() ? li.path("currentQuantity").asInt() : li.path("quantity").asInt());
            i.put("requires_shipping", li.path("requiresShipping").asBoolean(true));
        }
        return r;
    }
}
