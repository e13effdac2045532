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
 * Shopify's Admin REST API as far as the drill needs it, on a loopback port: the one peer of the drill that is a fake,
 * because Shopify's cloud cannot be reached from here. Each order has one fulfillment order (numbered as asked for), open until
 * a fulfillment with a tracking number closes it; stock levels are taken and counted. So the drill can check that
 * every shipped order's tracking number went back to the channel, once.
 */
public final class FakeShopifyAdmin implements AutoCloseable {
    private static final Pattern FULFILLMENT_ORDERS = Pattern.compile(".*/orders/([^/]+)/fulfillment_orders\\.json");

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
                    answer(ex, 400, "{\"errors\":\"" + e.getMessage() + "\"}");
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
        String path = ex.getRequestURI().getPath();
        Matcher m = FULFILLMENT_ORDERS.matcher(path);
        if (m.matches()) {
            String order = m.group(1);
            long id = fulfillmentOrders.computeIfAbsent(order, o -> { long n = nextId.getAndIncrement(); orderOf.put(n, o); return n; });
            return "{\"fulfillment_orders\":[{\"id\":" + id + ",\"status\":\"" + (fulfilled.containsKey(order) ? "closed" : "open") + "\"}]}";
        }
        if (path.endsWith("/fulfillments.json")) {
            JsonNode f = Api.JSON.readTree(ex.getRequestBody()).path("fulfillment");
            String order = orderOf.get(f.path("line_items_by_fulfillment_order").path(0).path("fulfillment_order_id").asLong());
            String tracking = f.path("tracking_info").path("number").asText("");
            if (order == null || tracking.isEmpty()) throw new IllegalArgumentException("fulfillment without a known fulfillment order or tracking number");
            fulfilments.incrementAndGet();
            if (fulfilled.putIfAbsent(order, tracking) != null) secondFulfilments.incrementAndGet();
            return "{\"fulfillment\":{\"status\":\"success\"}}";
        }
        if (path.contains("/variants/")) return "{\"variant\":{\"inventory_item_id\":1}}";
        if (path.endsWith("/inventory_levels.json")) return "{\"inventory_levels\":[{\"location_id\":1}]}";
        if (path.endsWith("/inventory_levels/set.json")) { stockLevels.incrementAndGet(); return "{}"; }
        throw new IllegalArgumentException("not faked: " + path);
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
