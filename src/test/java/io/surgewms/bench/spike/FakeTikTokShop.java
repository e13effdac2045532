package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.surgewms.intake.tiktok.TikTokSignature;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TikTok Shop's Open API (202309) as far as the drill needs it, on a loopback port: Get Order Detail, Get Order List
 * (the reconciliation's search, by update time, paged), Update Inventory (the level goes to the {@link Market} as the
 * SKU's listing hears it) and Mark Package As Shipped. Every call must carry a valid {@code sign} (TikTok's request
 * signature), the shop's cipher and the access token; a call that does not is answered as TikTok does (code 106001)
 * and counted.
 */
public final class FakeTikTokShop implements AutoCloseable {
    public static final String APP_KEY = "spike-app-key", SECRET = "spike-tiktok-secret-0123456789", SHOP_ID = "7495100000000001",
            CIPHER = "ROW_spike_cipher", TOKEN = "TTP_spike_token";
    private static final Pattern INVENTORY = Pattern.compile("/product/202309/products/([^/]+)/inventory/update");
    private static final Pattern PACKAGES = Pattern.compile("/fulfillment/202309/orders/([^/]+)/packages");

    private final HttpServer server;
    private final Market market;
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    /** Order id → tracking number it was marked shipped with. */
    public final Map<String, String> shipped = new ConcurrentHashMap<>();
    public final AtomicInteger badSign = new AtomicInteger(), details = new AtomicInteger(), searches = new AtomicInteger(),
            inventoryUpdates = new AtomicInteger(), secondShipments = new AtomicInteger();

    public FakeTikTokShop(Market market) throws IOException {
        this.market = market;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> { Thread t = new Thread(r, "fake-tiktok"); t.setDaemon(true); return t; }));
        server.createContext("/", ex -> {
            try (ex) {
                byte[] raw = ex.getRequestBody().readAllBytes();
                String body = raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
                Map<String, String> query = query(ex.getRequestURI().getRawQuery());
                String path = ex.getRequestURI().getPath();
                if (!signed(ex, path, query, body)) {
                    badSign.incrementAndGet();
                    answer(ex, "{\"code\":106001,\"message\":\"Invalid credentials or sign\"}");
                    return;
                }
                try {
                    answer(ex, "{\"code\":0,\"message\":\"Success\",\"data\":" + handle(ex.getRequestMethod(), path, query, body) + "}");
                } catch (RuntimeException e) {
                    answer(ex, "{\"code\":36009003,\"message\":\"" + String.valueOf(e.getMessage()).replace('"', '\'') + "\"}");
                }
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static boolean signed(HttpExchange ex, String path, Map<String, String> query, String body) {
        String sign = query.get("sign");
        return sign != null && TOKEN.equals(ex.getRequestHeaders().getFirst("x-tts-access-token")) && CIPHER.equals(query.get("shop_cipher"))
                && APP_KEY.equals(query.get("app_key")) && sign.equals(TikTokSignature.request(SECRET, path, query, body));
    }

    private String handle(String method, String path, Map<String, String> query, String body) throws IOException {
        if (method.equals("GET") && path.equals("/order/202309/orders")) {
            details.incrementAndGet();
            List<JsonNode> found = new ArrayList<>();
            for (String id : query.getOrDefault("ids", "").split(",")) if (orders.containsKey(id)) found.add(snapshot(id));
            return "{\"orders\":" + Api.JSON.writeValueAsString(found) + "}";
        }
        if (method.equals("POST") && path.equals("/order/202309/orders/search")) return search(query, Api.JSON.readTree(body == null ? "{}" : body));
        Matcher m = INVENTORY.matcher(path);
        if (method.equals("POST") && m.matches()) {
            for (JsonNode sku : Api.JSON.readTree(body).path("skus")) {
                inventoryUpdates.incrementAndGet();
                market.pushed("tiktok", sku.path("id").asText(), sku.path("inventory").path(0).path("quantity").asInt());
            }
            return "{\"warehouses\":[]}";
        }
        m = PACKAGES.matcher(path);
        if (method.equals("POST") && m.matches()) {
            String tracking = Api.JSON.readTree(body).path("tracking_number").asText("");
            if (tracking.isEmpty() || !orders.containsKey(m.group(1))) throw new IllegalArgumentException("no such order or no tracking number");
            if (shipped.putIfAbsent(m.group(1), tracking) != null) secondShipments.incrementAndGet();
            return "{}";
        }
        throw new IllegalArgumentException("not faked: " + method + " " + path);
    }

    /** Get Order List: orders updated in [ge, lt), oldest first, page_token = the offset. */
    private String search(Map<String, String> query, JsonNode filter) throws IOException {
        searches.incrementAndGet();
        long ge = filter.path("update_time_ge").asLong(0), lt = filter.path("update_time_lt").asLong(Long.MAX_VALUE);
        List<ObjectNode> hits = new ArrayList<>();
        for (String id : orders.keySet()) {
            ObjectNode o = snapshot(id);
            long u = o.path("update_time").asLong();
            if (u >= ge && u < lt) hits.add(o);
        }
        hits.sort(Comparator.comparingLong((ObjectNode o) -> o.path("update_time").asLong()).thenComparing(o -> o.path("id").asText()));
        int size = Integer.parseInt(query.getOrDefault("page_size", "50")), from = Integer.parseInt(query.getOrDefault("page_token", "0"));
        List<ObjectNode> page = hits.subList(Math.min(from, hits.size()), Math.min(from + size, hits.size()));
        String next = from + size < hits.size() ? String.valueOf(from + size) : "";
        return "{\"orders\":" + Api.JSON.writeValueAsString(page) + ",\"next_page_token\":\"" + next + "\",\"total_count\":" + hits.size() + "}";
    }

    /** A new order of one unit of a SKU, as Get Order Detail shows it. */
    public void create(String id, String skuId, String sellerSku, String status, int n) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("id", id).put("status", status).put("create_time", now).put("update_time", now).put("shipping_type", "SELLER")
                .put("delivery_option_name", "Standard shipping").put("rts_sla_time", now + 48 * 3600);
        ObjectNode ra = o.putObject("recipient_address");
        ra.put("name", "TikTok Buyer " + n).put("phone_number", "(+1)512555" + String.format("%04d", n % 10000)).put("postal_code", "78701")
                .put("region_code", "US").put("address_line1", (100 + n % 900) + " Congress Ave").put("address_detail", (100 + n % 900) + " Congress Ave");
        var d = ra.putArray("district_info");
        d.addObject().put("address_level_name", "State").put("address_name", "TX");
        d.addObject().put("address_level_name", "City").put("address_name", "Austin");
        o.putArray("line_items").addObject().put("id", id + "-1").put("sku_id", skuId).put("seller_sku", sellerSku)
                .put("display_status", status);
        orders.put(id, o);
    }

    /** The order moves on (released from hold, cancelled): a new status and update time. */
    public void status(String id, String status) {
        ObjectNode o = orders.get(id);
        synchronized (o) {
            o.put("status", status).put("update_time", Math.max(o.path("update_time").asLong() + 1, System.currentTimeMillis() / 1000));
            ((ObjectNode) o.path("line_items").get(0)).put("display_status", status);
        }
    }

    public long updateTime(String id) {
        ObjectNode o = orders.get(id);
        synchronized (o) { return o.path("update_time").asLong(); }
    }

    public int orderCount() {
        return orders.size();
    }

    private ObjectNode snapshot(String id) {
        ObjectNode o = orders.get(id);
        synchronized (o) { return o.deepCopy(); }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) return q;
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void answer(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
