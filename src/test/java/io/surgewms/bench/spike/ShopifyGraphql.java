package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's Admin GraphQL API ({@code POST /admin/api/{version}/graphql.json}) for the calls a stock level and a
 * fulfillment need: a variant's inventory item and location, {@code inventorySetQuantities}, an order's fulfillment
 * orders and {@code fulfillmentCreate}. A client's exact query is not known here, so the answer is keyed by what
 * the query names and carries every field those calls read; ids are read from the variables, or the query text
 * where a client inlines them. Anything else is a GraphQL error, so a new call shows up in the drill's log.
 */
final class ShopifyGraphql {
    private static final Pattern GID = Pattern.compile("gid://shopify/(\\w+)/([^\"?\\s]+)"); // the demo's orders have ids like DEMO-00009
    private static final Pattern INLINE_QUANTITY = Pattern.compile(
            "inventoryItemId:\\s*\"gid://shopify/InventoryItem/(\\d+)\"[^}]*?quantity:\\s*(\\d+)|quantity:\\s*(\\d+)[^}]*?inventoryItemId:\\s*\"gid://shopify/InventoryItem/(\\d+)\"");

    private final FakeShopifyAdmin shop;

    ShopifyGraphql(FakeShopifyAdmin shop) {
        this.shop = shop;
    }

    String answer(JsonNode request) {
        String query = request.path("query").asText("");
        JsonNode vars = request.path("variables");
        ObjectNode data = Api.JSON.createObjectNode();
        if (query.contains("inventorySetQuantities")) {
            int n = setQuantities(query, vars);
            if (n == 0) return error("inventorySetQuantities without quantities");
            ObjectNode r = data.putObject("inventorySetQuantities");
            r.putObject("inventoryAdjustmentGroup").put("id", "gid://shopify/InventoryAdjustmentGroup/1");
            r.putArray("userErrors");
        } else if (query.contains("fulfillmentCreate")) {
            JsonNode f = vars.has("fulfillment") ? vars.path("fulfillment") : vars.path("input");
            String fo = f.path("lineItemsByFulfillmentOrder").path(0).path("fulfillmentOrderId").asText("");
            if (fo.isEmpty()) fo = first(query, "FulfillmentOrder"); // only when the client inlines it
            String tracking = f.path("trackingInfo").path("number").asText("");
            if (tracking.isEmpty()) tracking = inline(query, "number");
            shop.fulfil(Long.parseLong(id(fo)), tracking);
            for (String name : List.of("fulfillmentCreate", "fulfillmentCreateV2")) {
                ObjectNode r = data.putObject(name);
                r.putObject("fulfillment").put("id", "gid://shopify/Fulfillment/" + id(fo)).put("status", "SUCCESS");
                r.putArray("userErrors");
            }
        } else if (query.contains("fulfillmentOrders")) {
            String order = id(any(vars, query, "Order"));
            ObjectNode node = Api.JSON.createObjectNode().put("id", "gid://shopify/FulfillmentOrder/" + shop.fulfillmentOrder(order))
                    .put("status", shop.open(order) ? "OPEN" : "CLOSED");
            node.putObject("assignedLocation").putObject("location").put("id", "gid://shopify/Location/" + FakeShopifyAdmin.LOCATION);
            ObjectNode o = data.putObject("order");
            o.put("id", "gid://shopify/Order/" + order);
            connection(o.putObject("fulfillmentOrders"), node);
        } else if (query.contains("productVariant")) {
            long variant = Long.parseLong(id(any(vars, query, "ProductVariant")));
            ObjectNode v = data.putObject("productVariant");
            v.put("id", "gid://shopify/ProductVariant/" + variant);
            ObjectNode item = v.putObject("inventoryItem");
            item.put("id", "gid://shopify/InventoryItem/" + (variant + FakeShopifyAdmin.ITEM_OFFSET));
            ObjectNode level = Api.JSON.createObjectNode();
            level.putObject("location").put("id", "gid://shopify/Location/" + FakeShopifyAdmin.LOCATION);
            connection(item.putObject("inventoryLevels"), level);
        } else if (query.contains("locations")) {
            connection(data.putObject("locations"), Api.JSON.createObjectNode().put("id", "gid://shopify/Location/" + FakeShopifyAdmin.LOCATION));
        } else {
            return error("not faked: " + query.replaceAll("\\s+", " "));
        }
        ObjectNode out = Api.JSON.createObjectNode();
        out.set("data", data);
        return out.toString();
    }

    /** Each quantity in the variables (wherever the input is nested) or inlined in the query; how many were set. */
    private int setQuantities(String query, JsonNode vars) {
        List<JsonNode> found = new ArrayList<>();
        collect(vars, found);
        for (JsonNode q : found) shop.level(Long.parseLong(id(q.path("inventoryItemId").asText())), q.path("quantity").asInt());
        int n = found.size();
        Matcher m = INLINE_QUANTITY.matcher(query);
        while (m.find()) {
            n++;
            if (m.group(1) != null) shop.level(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
            else shop.level(Long.parseLong(m.group(4)), Integer.parseInt(m.group(3)));
        }
        return n;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isObject() && n.has("inventoryItemId") && n.has("quantity")) { out.add(n); return; }
        if (n.isContainerNode()) for (JsonNode c : n) collect(c, out);
    }

    /** Both shapes a client may read a list from: edges/node and nodes. */
    private static void connection(ObjectNode conn, ObjectNode node) {
        conn.putArray("edges").addObject().set("node", node.deepCopy());
        conn.putArray("nodes").add(node);
    }

    /** The first gid of that type in the variables, else in the query. */
    private static String any(JsonNode vars, String query, String type) {
        Matcher m = GID.matcher(vars.toString());
        while (m.find()) if (m.group(1).equals(type)) return m.group();
        return first(query, type);
    }

    private static String first(String text, String type) {
        Matcher m = GID.matcher(text);
        while (m.find()) if (m.group(1).equals(type)) return m.group();
        throw new IllegalArgumentException("no " + type + " id in the call");
    }

    private static String inline(String query, String field) {
        Matcher m = Pattern.compile(field + ":\\s*\"([^\"]*)\"").matcher(query);
        return m.find() ? m.group(1) : "";
    }

    /** The number at the end of a gid (or the id itself, when a client sends it bare). */
    private static String id(String gid) {
        int slash = gid.lastIndexOf('/');
        String id = slash < 0 ? gid : gid.substring(slash + 1);
        int q = id.indexOf('?');
        return q < 0 ? id : id.substring(0, q);
    }

    private static String error(String message) {
        ObjectNode out = Api.JSON.createObjectNode();
        ArrayNode errors = out.putArray("errors");
        errors.addObject().put("message", message);
        return out.toString();
    }
}
