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
 * Shopify's Admin API as far as the drill needs it, on a loopback port: the one peer of the drill that is a fake,
 * because Shopify's cloud cannot be reached from here. Each order has one fulfillment order (numbered as asked for), open until
 * a fulfillment with a tracking number closes it; stock levels go to the {@link Market} as Shopify's "available" of the
 * variant. So the drill can check that every shipped order's tracking number went back to the channel, once, and what
 * Shopify was told it could sell. REST (variants, inventory_levels, fulfillments) and GraphQL ({@link ShopifyGraphql})
 * are both served, so the drill runs against either client.
 */
public final class FakeShopifyAdmin implements AutoCloseable {
    private static final Pattern VARIANT = Pattern.compile(".*/variants/([0-9]+)\\.json");
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

    /** A variant's inventory item: its own number, so a level set on it names the variant (the market's listing). */
    static final long ITEM_OFFSET = 1_000_000_000L, LOCATION = 655441491L;
    private final Market market;
    private final ShopifyGraphql graphql = new ShopifyGraphql(this);

    public FakeShopifyAdmin(String token, Market market) throws IOException {
        this.market = market;
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
            return "{\"fulfillment_orders\":[{\"id\":" + fulfillmentOrder(order) + ",\"status\":\"" + (open(order) ? "open" : "closed") + "\"}]}";
        }
        if (path.endsWith("/fulfillments.json")) {
            JsonNode f = Api.JSON.readTree(ex.getRequestBody()).path("fulfillment");
            fulfil(f.path("line_items_by_fulfillment_order").path(0).path("fulfillment_order_id").asLong(), f.path("tracking_info").path("number").asText(""));
            return "{\"fulfillment\":{\"status\":\"success\"}}";
        }
        if (path.endsWith("/graphql.json")) return graphql.answer(Api.JSON.readTree(ex.getRequestBody()));
        Matcher v = VARIANT.matcher(path);
        if (v.matches()) return "{\"variant\":{\"id\":" + v.group(1) + ",\"inventory_item_id\":" + (Long.parseLong(v.group(1)) + ITEM_OFFSET) + "}}";
        if (path.endsWith("/inventory_levels.json")) {
            String item = ex.getRequestURI().getQuery().replaceAll(".*inventory_item_ids=([0-9]+).*", "$1");
            return "{\"inventory_levels\":[{\"inventory_item_id\":" + item + ",\"location_id\":" + LOCATION + "}]}";
        }
        if (path.endsWith("/inventory_levels/set.json")) {
            JsonNode b = Api.JSON.readTree(ex.getRequestBody());
            level(b.path("inventory_item_id").asLong(), b.path("available").asInt());
            return "{\"inventory_level\":{}}";
        }
        throw new IllegalArgumentException("not faked: " + path);
    }

    /** Shopify's available quantity of the item set: the variant's listing hears it. */
    void level(long inventoryItem, int available) {
        stockLevels.incrementAndGet();
        market.pushed("shopify", Long.toString(inventoryItem - ITEM_OFFSET), available);
    }

    /** The fulfillment order of the order (one per order, numbered when first asked for) and whether it is still open. */
    long fulfillmentOrder(String order) {
        return fulfillmentOrders.computeIfAbsent(order, o -> { long n = nextId.getAndIncrement(); orderOf.put(n, o); return n; });
    }

    boolean open(String order) {
        return !fulfilled.containsKey(order);
    }

    /** A fulfillment with a tracking number for the fulfillment order: closes it; a second one is counted. */
    void fulfil(long fulfillmentOrder, String tracking) {
        String order = orderOf.get(fulfillmentOrder);
        if (order == null || tracking == null || tracking.isEmpty())
            throw new IllegalArgumentException("fulfillment without a known fulfillment order or tracking number");
        fulfilments.incrementAndGet();
        if (fulfilled.putIfAbsent(order, tracking) != null) secondFulfilments.incrementAndGet();
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
