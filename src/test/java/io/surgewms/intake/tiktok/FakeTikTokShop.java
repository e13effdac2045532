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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for TikTok Shop's Open API (202309) and its auth host: the one place in the suite where a
 * fake is right, because the real TikTok cloud cannot be reached from here (and must not be called by tests).
 * It replays the documented payload shapes (Get Order Detail's {code, message, data.orders[]}), checks each
 * request's {@code sign} the way TikTok documents it, and refuses what TikTok refuses:
 * <ul>
 * <li>a shop-scoped call without the shop's {@code shop_cipher} (code 106013): the cipher comes from Get Authorized
 *     Shops and every 202309 shop API takes it as a query parameter;</li>
 * <li>Update Inventory, {@code POST /product/202309/products/{product_id}/inventory/update} with
 *     {@code {"skus":[{"id": sku_id, "inventory":[{"quantity": n}]}]}}, for a product or SKU it does not know
 *     (integrator's spec of the call, citing TikTok's reference:
 *     https://help.useresponse.com/hemi/knowledge-base/article/marketplaces-tiktok-marketplace-integration-v2-tiktok-product-management-tiktok-update-stock_1);</li>
 * <li>an access token it did not issue (105002, expired credentials), a bad sign (106001), too many calls (HTTP 429,
 *     Retry-After, 36009002): TikTok Shop Partner Center's common errors (https://partner.tiktokshop.com/docv2/page/678e3a45786253031531b942).</li>
 * </ul>
 * Its auth host answers {@code GET /api/v2/token/refresh?app_key&app_secret&refresh_token&grant_type=refresh_token}
 * with data.access_token, access_token_expire_in, refresh_token, refresh_token_expire_in (Unix times, as in
 * https://example-code.com/tcl/tiktok_shop_refresh_access_token.asp). It records the calls it takes, counts every
 * request it gets ({@link #hits}), and can be switched "down" to answer 503.
 */
final class FakeTikTokShop implements AutoCloseable {

    record Call(String method, String path, Map<String, String> query, String token, JsonNode body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final String secret;
    /** The shop's cipher; null: any non-blank one. */
    volatile String shopCipher;
    /** The app key the token endpoint expects. */
    volatile String appKey;
    final Map<String, String> orders = new ConcurrentHashMap<>();
    /** TikTok's products: product_id → its sku_ids. */
    final Map<String, Set<String>> products = new ConcurrentHashMap<>();
    /** Access tokens it takes; empty: any. */
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    /** Refresh token → {new access token, new refresh token}. */
    final Map<String, String[]> refreshes = new ConcurrentHashMap<>();
    final List<Map<String, String>> refreshCalls = new CopyOnWriteArrayList<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger hits = new AtomicInteger();
    /** The next this-many calls answer 429 with Retry-After: {@link #retryAfter}. */
    final AtomicInteger tooMany = new AtomicInteger();
    volatile String retryAfter = "7";
    volatile boolean down;
    final java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
    /** Runs while an inventory update is being answered: what happens elsewhere while the channel is being told. */
    volatile Runnable duringInventoryUpdate;

    FakeTikTokShop(String secret) throws IOException {
        this(secret, null);
    }

    FakeTikTokShop(String secret, String shopCipher) throws IOException {
        this.secret = secret;
        this.shopCipher = shopCipher;
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
        hits.incrementAndGet();
        if (down) {
            reply(x, 503, "{\"code\":50000,\"message\":\"service unavailable\"}");
            return;
        }
        if (tooMany.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            x.getResponseHeaders().add("Retry-After", retryAfter);
            reply(x, 429, error(36009002, "Too many requests. You've made too many requests in a short period of time."));
            return;
        }
        if (path.equals("/api/v2/token/refresh")) {
            refresh(x, query);
            return;
        }
        if (!TikTokSignature.request(secret, path, query, body.isEmpty() ? null : body).equals(query.get("sign"))) {
            reply(x, 401, error(106001, "Invalid credentials. The sign query parameter is invalid."));
            return;
        }
        String token = x.getRequestHeaders().getFirst("x-tts-access-token");
        if (!tokens.isEmpty() && !tokens.contains(token)) {
            reply(x, 200, error(105002, "Expired credentials. The access_token or x-tts-access-token header has expired."));
            return;
        }
        String cipher = query.get("shop_cipher");
        if (cipher == null || cipher.isBlank() || shopCipher != null && !shopCipher.equals(cipher)) {
            reply(x, 200, error(106013, "Missing identifier. The shop_cipher query parameter is required to identify the target shop."));
            return;
        }
        JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
        if (path.startsWith("/product/202309/products/") && path.endsWith("/inventory/update")) {
            Set<String> skus = products.get(path.substring("/product/202309/products/".length(), path.length() - "/inventory/update".length()));
            if (skus == null) { // the code number is the fake's (the pages cited list none for it): any non-zero code is a refusal
                reply(x, 200, error(12052000, "The product does not exist."));
                return;
            }
            for (JsonNode sku : json.path("skus"))
                if (!skus.contains(sku.path("id").asText())) {
                    reply(x, 200, error(12019022, "sku ID is invalid"));
                    return;
                }
        }
        calls.add(new Call(x.getRequestMethod(), path, query, token, json));
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

    /** The token endpoint: unsigned, the app key and secret in the query (TikTok's documented shape). */
    private void refresh(HttpExchange x, Map<String, String> query) throws IOException {
        refreshCalls.add(query);
        String[] next = refreshes.get(query.getOrDefault("refresh_token", ""));
        if (!secret.equals(query.get("app_secret")) || appKey != null && !appKey.equals(query.get("app_key"))
                || !"refresh_token".equals(query.get("grant_type")) || next == null) { // the fake's code number, as above
            reply(x, 200, error(36004004, "invalid refresh_token or app credentials"));
            return;
        }
        refreshes.remove(query.get("refresh_token")); // a refresh token is good once: TikTok rotates it
        tokens.add(next[0]);
        long now = System.currentTimeMillis() / 1000;
        reply(x, 200, """
                {"code":0,"message":"success","data":{"access_token":"%s","access_token_expire_in":%d,"refresh_token":"%s",
                 "refresh_token_expire_in":%d,"open_id":"fake-open-id","seller_name":"Glow","seller_base_region":"US","user_type":0,
                 "granted_scopes":["seller.order.info","seller.product.write"]},"request_id":"fake"}""".formatted(
                next[0], now + 7 * 86_400, next[1], now + 365 * 86_400));
    }

    private static String error(int code, String message) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"request_id\":\"fake\",\"data\":null}";
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
