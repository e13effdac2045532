package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A FAKE of Shopify's Admin GraphQL API on a loopback port (Shopify's cloud cannot be reached from here): it answers
 * the operations the production client sends with the documented response shapes and records every request. Shapes:
 * https://shopify.dev/docs/api/admin-graphql/2026-10 — queries order.fulfillmentOrders, fulfillmentOrder.order,
 * productVariant.inventoryItem.inventoryLevels, orders (connection with pageInfo); mutations fulfillmentCreate,
 * inventorySetQuantities, fulfillmentOrderAccept/RejectCancellationRequest (payload + userErrors); throttling from
 * https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits (errors[].extensions.code THROTTLED, extensions.cost).
 */
final class FakeShopifyGraphql implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    record Seen(String path, String token, String query, JsonNode variables) {
        boolean is(String operation) {
            return query.contains(operation);
        }
    }

    /** A canned answer for the next request, whatever it asks (errors, throttling). */
    record Canned(int status, String retryAfter, String body) {}

    /** A fulfillment order of an order: its gid, status (OPEN, ON_HOLD, CLOSED, …) and assigned location gid. */
    static final class Fo {
        final String id, location;
        volatile String status;

        Fo(String id, String status, String location) { this.id = id; this.status = status; this.location = location; }
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final Queue<Canned> canned = new ConcurrentLinkedQueue<>();
    /** Shopify order id → its fulfillment orders. */
    final Map<String, List<Fo>> orders = new ConcurrentHashMap<>();
    /** Variant id → {inventory item gid, location gid}. */
    final Map<String, String[]> variants = new ConcurrentHashMap<>();
    /** Pages of the orders connection, each a JSON array of order nodes. */
    final List<String> orderPages = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeShopifyGraphql() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
                Seen s = new Seen(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("X-Shopify-Access-Token"),
                        req.path("query").asText(), req.path("variables"));
                seen.add(s);
                Canned c = canned.poll();
                int status = c == null ? 200 : c.status();
                if (c != null && c.retryAfter() != null) ex.getResponseHeaders().add("Retry-After", c.retryAfter());
                byte[] out = (c == null ? answer(s) : c.body()).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status, out.length);
                ex.getResponseBody().write(out);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    FakeShopifyGraphql order(String orderId, Fo... fos) {
        orders.put(orderId, new CopyOnWriteArrayList<>(List.of(fos)));
        return this;
    }

    Fo fo(String gid) {
        return orders.values().stream().flatMap(List::stream).filter(f -> f.id.equals(gid)).findFirst().orElseThrow();
    }

    List<Seen> seen(String operation) {
        return seen.stream().filter(s -> s.is(operation)).collect(Collectors.toList());
    }

    private String answer(Seen s) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        JsonNode v = s.variables();
        if (s.is("OrderFulfillmentOrders")) {
            String id = v.path("id").asText().replace("gid://shopify/Order/", "");
            List<Fo> fos = orders.get(id);
            if (fos == null) { data.putNull("order"); return root.toString(); }
            ObjectNode o = data.putObject("order").put("id", "gid://shopify/Order/" + id);
            ArrayNode nodes = o.putObject("fulfillmentOrders").putArray("nodes");
            for (Fo f : fos) nodes.addObject().put("id", f.id).put("status", f.status)
                    .putObject("assignedLocation").putObject("location").put("id", f.location);
        } else if (s.is("FulfillmentOrderOrder")) {
            String gid = v.path("id").asText();
            var order = orders.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(f -> f.id.equals(gid))).findFirst();
            if (order.isEmpty()) data.putNull("fulfillmentOrder");
            else data.putObject("fulfillmentOrder").put("id", gid).put("status", fo(gid).status)
                    .putObject("order").put("id", "gid://shopify/Order/" + order.get().getKey()).put("legacyResourceId", order.get().getKey());
        } else if (s.is("fulfillmentCreate")) {
            List<String> ids = new ArrayList<>();
            for (JsonNode l : v.path("fulfillment").path("lineItemsByFulfillmentOrder")) ids.add(l.path("fulfillmentOrderId").asText());
            ObjectNode p = data.putObject("fulfillmentCreate");
            ArrayNode errors = p.putArray("userErrors");
            for (String id : ids) {
                Fo f = fo(id);
                if (!f.status.equals("OPEN") && !f.status.equals("IN_PROGRESS"))
                    errors.addObject().put("message", "Fulfillment order " + id + " has an unfulfillable status= " + f.status.toLowerCase()).putArray("field").add("fulfillment");
            }
            if (errors.isEmpty()) {
                ids.forEach(id -> fo(id).status = "CLOSED");
                p.putObject("fulfillment").put("id", "gid://shopify/Fulfillment/" + seen.size()).put("status", "SUCCESS");
            } else p.putNull("fulfillment");
        } else if (s.is("VariantStock")) {
            String[] stock = variants.get(v.path("id").asText().replace("gid://shopify/ProductVariant/", ""));
            if (stock == null) data.putNull("productVariant");
            else data.putObject("productVariant").put("id", v.path("id").asText()).putObject("inventoryItem").put("id", stock[0])
                    .putObject("inventoryLevels").putArray("nodes").addObject().putObject("location").put("id", stock[1]);
        } else if (s.is("inventorySetQuantities")) {
            ObjectNode p = data.putObject("inventorySetQuantities");
            p.putObject("inventoryAdjustmentGroup").put("reason", "correction").putArray("changes");
            p.putArray("userErrors");
        } else if (s.is("fulfillmentOrderAcceptCancellationRequest") || s.is("fulfillmentOrderRejectCancellationRequest")) {
            boolean accept = s.is("fulfillmentOrderAcceptCancellationRequest");
            String gid = v.path("id").asText();
            if (accept) fo(gid).status = "CLOSED";
            ObjectNode p = data.putObject(accept ? "fulfillmentOrderAcceptCancellationRequest" : "fulfillmentOrderRejectCancellationRequest");
            p.putObject("fulfillmentOrder").put("id", gid).put("status", fo(gid).status)
                    .put("requestStatus", accept ? "CANCELLATION_ACCEPTED" : "CANCELLATION_REJECTED");
            p.putArray("userErrors");
        } else if (s.is("OrdersUpdatedSince")) {
            int page = v.path("after").isNull() || v.path("after").isMissingNode() ? 0 : Integer.parseInt(v.path("after").asText().substring(1));
            ObjectNode o = data.putObject("orders");
            o.putObject("pageInfo").put("hasNextPage", page + 1 < orderPages.size()).put("endCursor", "p" + (page + 1));
            try {
                ArrayNode nodes = o.putArray("nodes");
                if (page < orderPages.size())
                    for (JsonNode n : JSON.readTree(orderPages.get(page))) if (nodes.size() < v.path("first").asInt(50)) nodes.add(n);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            root.remove("data");
            root.putArray("errors").addObject().put("message", "not faked: " + s.query().lines().findFirst().orElse(""));
        }
        root.putObject("extensions").putObject("cost").put("requestedQueryCost", 10).put("actualQueryCost", 10)
                .putObject("throttleStatus").put("maximumAvailable", 2000.0).put("currentlyAvailable", 1990).put("restoreRate", 100.0);
        return root.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
