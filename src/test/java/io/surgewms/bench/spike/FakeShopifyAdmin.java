package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's Admin GraphQL API as far as the drill needs it, on a loopback port: the one peer of the drill that is a fake,
 * because Shopify's cloud cannot be reached from here. It serves what the production client asks (see ShopifyFulfillments,
 * ShopifyInventory): each order has one fulfillment order, OPEN until a fulfillmentCreate with a tracking number closes it;
 * stock levels are taken and counted. So the drill can check that every shipped order's tracking number went back to the
 * channel, once. Answers in the documented shapes (https://shopify.dev/docs/api/admin-graphql).
 */
public final class FakeShopifyAdmin implements AutoCloseable {
    private static final Pattern ORDER_GID = Pattern.compile("gid://shopify/Order/(.+)");
    private static final Pattern FULFILLMENT_ORDER_GID = Pattern.compile("gid://shopify/FulfillmentOrder/(\\d+)");

    private final HttpServer server;
    /** Order id → tracking number it was fulfilled with. */
    public final Map<String, String> fulfilled = new ConcurrentHashMap<>();
    /** Fulfillment order ids are numbers in Shopify; the demo's own orders have ids like DEMO-00009. */
    private final Map<String, Long> fulfillmentOrders = new ConcurrentHashMap<>();
    private final Map<Long, String> orderOf = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextId = new java.util.concurrent.atomic.AtomicLong(1);
    public final AtomicInteger fulfilments = new AtomicInteger(), secondFulfilments = new AtomicInteger(), stockLevels = new AtomicInteger(),
            badToken = new AtomicInteger();

    public FakeShopifyAdmin(String token) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> { Thread t = new Thread(r, "fake-shopify"); t.setDaemon(true); return t; }));
        server.createContext("/admin/api/", ex -> {
            try (ex) {
                if (!token.equals(ex.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) { badToken.incrementAndGet(); answer(ex, 401, "{}"); return; }
                String body;
                try {
                    body = handle(ex);
                } catch (RuntimeException | IOException e) {
                    answer(ex, 200, "{\"errors\":[{\"message\":\"" + e.getMessage() + "\"}]}");
                    return;
                }
                answer(ex, 200, body);
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String handle(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().endsWith("/graphql.json")) throw new IllegalArgumentException("not faked: " + ex.getRequestURI());
        JsonNode request = Api.JSON.readTree(ex.getRequestBody());
        String query = request.path("query").asText();
        JsonNode vars = request.path("variables");
        if (query.contains("OrderFulfillmentOrders")) {
            Matcher m = ORDER_GID.matcher(vars.path("id").asText());
            if (!m.matches()) throw new IllegalArgumentException("not an order gid: " + vars.path("id"));
            String order = m.group(1);
            long id = fulfillmentOrders.computeIfAbsent(order, o -> { long n = nextId.getAndIncrement(); orderOf.put(n, o); return n; });
            return ("{\"data\":{\"order\":{\"id\":\"gid://shopify/Order/%s\",\"fulfillmentOrders\":{\"nodes\":[{\"id\":\"gid://shopify/FulfillmentOrder/%d\","
                    + "\"status\":\"%s\",\"assignedLocation\":{\"location\":{\"id\":\"gid://shopify/Location/1\"}}}]}}}}")
                    .formatted(order, id, fulfilled.containsKey(order) ? "CLOSED" : "OPEN");
        }
        if (query.contains("fulfillmentCreate")) {
            JsonNode f = vars.path("fulfillment");
            Matcher m = FULFILLMENT_ORDER_GID.matcher(f.path("lineItemsByFulfillmentOrder").path(0).path("fulfillmentOrderId").asText());
            String order = m.matches() ? orderOf.get(Long.parseLong(m.group(1))) : null;
            String tracking = f.path("trackingInfo").path("number").asText("");
            if (order == null || tracking.isEmpty()) throw new IllegalArgumentException("fulfillment without a known fulfillment order or tracking number");
            fulfilments.incrementAndGet();
            if (fulfilled.putIfAbsent(order, tracking) != null) secondFulfilments.incrementAndGet();
            return "{\"data\":{\"fulfillmentCreate\":{\"fulfillment\":{\"id\":\"gid://shopify/Fulfillment/1\",\"status\":\"SUCCESS\"},\"userErrors\":[]}}}";
        }
        if (query.contains("VariantStock"))
            return "{\"data\":{\"productVariant\":{\"id\":\"" + vars.path("id").asText() + "\",\"inventoryItem\":{\"id\":\"gid://shopify/InventoryItem/1\","
                    + "\"inventoryLevels\":{\"nodes\":[{\"location\":{\"id\":\"gid://shopify/Location/1\"}}]}}}}}";
        if (query.contains("inventorySetQuantities")) {
            stockLevels.incrementAndGet();
            return "{\"data\":{\"inventorySetQuantities\":{\"inventoryAdjustmentGroup\":{\"reason\":\"correction\",\"changes\":[]},\"userErrors\":[]}}}";
        }
        throw new IllegalArgumentException("not faked: " + query.lines().findFirst().orElse(""));
    }
    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
