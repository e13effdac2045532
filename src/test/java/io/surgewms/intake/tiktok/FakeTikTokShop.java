package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for TikTok Shop's Open API (202309): the one place in the suite where a fake is
 * right, because the real TikTok cloud cannot be reached from here (and must not be called by tests).
 * It replays the documented payload shapes (Get Order Detail's {code, message, data.orders[]}),
 * checks each request's {@code sign} the way TikTok documents it, records the ship and inventory
 * calls it gets, and can be switched "down" to answer 503.
 */
final class FakeTikTokShop implements AutoCloseable {

    record Call(String method, String path, Map<String, String> query, String token, JsonNode body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final String secret;
    final Map<String, String> orders = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile boolean down;
    final java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
    /** Runs while an inventory update is being answered: what happens elsewhere while the channel is being told. */
    volatile Runnable duringInventoryUpdate;

    FakeTikTokShop(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls(String pathPrefix) {
        return calls.stream().filter(c -> c.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        Map<String, String> query = new LinkedHashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw != null)
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                query.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (down) {
            reply(x, 503, "{\"code\":50000,\"message\":\"service unavailable\"}");
            return;
        }
        if (!TikTokSignature.request(secret, path, query, body.isEmpty() ? null : body).equals(query.get("sign"))) {
            reply(x, 401, "{\"code\":106001,\"message\":\"signature is invalid\",\"request_id\":\"fake\"}");
            return;
        }
        calls.add(new Call(x.getRequestMethod(), path, query, x.getRequestHeaders().getFirst("x-tts-access-token"),
                body.isEmpty() ? null : JSON.readTree(body)));
        if (path.equals("/order/202309/orders")) {
            String order = orders.get(query.get("ids"));
            reply(x, 200, "{\"code\":0,\"message\":\"Success\",\"request_id\":\"fake\",\"data\":{\"orders\":[" + (order == null ? "" : order) + "]}}");
        } else if (path.equals("/order/202309/orders/search")) {
            reply(x, 200, search(query, JSON.readTree(body)));
        } else if (path.startsWith("/fulfillment/202309/orders/") && path.endsWith("/packages")) {
            reply(x, 200, "{\"code\":0,\"message\":\"Success\",\"request_id\":\"fake\",\"data\":{\"package_id\":\"1153" + calls.size() + "\"}}");
        } else if (path.startsWith("/product/202309/products/") && path.endsWith("/inventory/update")) {
            Runnable during = duringInventoryUpdate;
            if (during != null) during.run();
            reply(x, 200, "{\"code\":0,\"message\":\"Success\",\"request_id\":\"fake\",\"data\":{}}");
        } else {
            reply(x, 404, "{\"code\":40006,\"message\":\"path not found\"}");
        }
    }

    /**
     * Get Order List (202309): the orders whose update_time is in [update_time_ge, update_time_lt), sorted by update
     * time, page_size at a time; next_page_token is empty on the last page.
     */
    private String search(Map<String, String> query, JsonNode filter) throws IOException {
        long ge = filter.path("update_time_ge").asLong(0), lt = filter.path("update_time_lt").asLong(Long.MAX_VALUE);
        List<JsonNode> hits = new java.util.ArrayList<>();
        for (String o : orders.values()) {
            JsonNode n = JSON.readTree(o);
            long t = n.path("update_time").asLong(0);
            if (t >= ge && t < lt) hits.add(n);
        }
        hits.sort(java.util.Comparator.comparingLong(n -> n.path("update_time").asLong(0)));
        int size = Integer.parseInt(query.getOrDefault("page_size", "20")), from = Integer.parseInt(query.getOrDefault("page_token", "0"));
        var data = JSON.createObjectNode();
        data.put("total_count", hits.size());
        data.put("next_page_token", from + size < hits.size() ? Integer.toString(from + size) : "");
        var page = data.putArray("orders");
        for (JsonNode n : hits.subList(Math.min(from, hits.size()), Math.min(from + size, hits.size()))) page.add(n);
        searches.incrementAndGet();
        return "{\"code\":0,\"message\":\"Success\",\"request_id\":\"fake\",\"data\":" + JSON.writeValueAsString(data) + "}";
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    /** An order as Get Order Detail (202309) returns it: one line item per unit. */
    static String order(String id, String status, long rtsSlaTime, String... skuIdAndSellerSku) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < skuIdAndSellerSku.length; i += 2) {
            if (i > 0) items.append(',');
            items.append("""
                    {"id":"57700%d","sku_id":"%s","seller_sku":"%s","product_id":"17290001","product_name":"Glow serum",
                     "sku_name":"30 ml","display_status":"%s","sale_price":"19.99","currency":"USD"}""".formatted(i, skuIdAndSellerSku[i], skuIdAndSellerSku[i + 1], status));
        }
        return """
                {"id":"%s","status":"%s","create_time":1717000000,"paid_time":1717000100,"rts_sla_time":%d,
                 "shipping_type":"SELLER","delivery_option_name":"Standard shipping","buyer_email":"v3x@scs2.tiktok.com",
                 "recipient_address":{"name":"Ada Buyer","phone_number":"(+1)512*****01","address_line1":"1 Main St","address_line2":"Apt 4",
                   "address_line3":"","address_line4":"","postal_code":"78701","region_code":"US","full_address":"1 Main St, Apt 4, Austin, TX 78701",
                   "district_info":[{"address_level_name":"Country","address_name":"United States","address_level":"L0"},
                                    {"address_level_name":"State","address_name":"Texas","address_level":"L1"},
                                    {"address_level_name":"County","address_name":"Travis","address_level":"L2"},
                                    {"address_level_name":"City","address_name":"Austin","address_level":"L3"}]},
                 "line_items":[%s]}""".formatted(id, status, rtsSlaTime, items);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
