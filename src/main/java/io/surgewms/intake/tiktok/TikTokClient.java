package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * TikTok Shop's Open API (version 202309), the few calls Surge makes: order detail, mark a package as
 * shipped with its tracking number (not for labels TikTok sold: those are shipped through
 * io.surgewms.shipping.tiktok), and set a SKU's inventory. The base URL is the account's (the
 * production host by default, a local fake in tests); every request is signed as TikTok documents it
 * ({@link TikTokSignature#request}) and carries the access token in {@code x-tts-access-token}.
 */
@ApplicationScoped
public class TikTokClient implements ChannelClient {

    static final String VERSION = "202309";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "surge.channels.tiktok.base-url", defaultValue = "https://open-api.tiktokglobalshop.com") String defaultBaseUrl;
    @ConfigProperty(name = "surge.channels.http-timeout", defaultValue = "10s") Duration timeout;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String channel() {
        return "tiktok";
    }

    /** The order as TikTok holds it (one element of data.orders of Get Order Detail); null when TikTok does not know it. */
    public JsonNode order(ChannelAccount a, String orderId) throws IOException, InterruptedException {
        JsonNode answer = call(a, "GET", "/order/" + VERSION + "/orders", Map.of("ids", orderId), null);
        JsonNode orders = answer.path("data").path("orders");
        return orders.isArray() && !orders.isEmpty() ? orders.get(0) : null;
    }

    @Override
    public void send(ChannelAccount a, String topic, JsonNode payload) throws Exception {
        switch (topic) {
            case "shipment.shipped" -> {
                // A label TikTok sold ("shipped by TikTok") is already TikTok's package with its tracking number:
                // Mark Package As Shipped is for packages on the seller's own carrier (TikTok's API reference).
                if ("tiktok".equals(payload.path("labelProvider").asText())) return;
                // Mark Package As Shipped: the seller ships with its own carrier and gives TikTok the tracking number.
                ObjectNode body = JSON.createObjectNode();
                body.put("tracking_number", payload.path("trackingNumber").asText());
                body.put("shipping_provider_id", payload.path("carrier").asText());
                call(a, "POST", "/fulfillment/" + VERSION + "/orders/" + enc(payload.path("externalId").asText()) + "/packages", Map.of(),
                        JSON.writeValueAsString(body));
            }
            case "stock.level" -> {
                // Update Inventory: the product's SKU (TikTok's sku_id) gets the quantity available to sell.
                ObjectNode body = JSON.createObjectNode();
                ObjectNode sku = body.putArray("skus").addObject();
                sku.put("id", payload.path("channelSku").asText());
                sku.putArray("inventory").addObject().put("quantity", payload.path("quantity").asInt());
                String product = payload.hasNonNull("channelProductId") ? payload.path("channelProductId").asText() : payload.path("productId").asText();
                call(a, "POST", "/product/" + VERSION + "/products/" + enc(product) + "/inventory/update", Map.of(), JSON.writeValueAsString(body));
            }
            default -> { } // nothing TikTok takes (e.g. return.received: TikTok's returns run through its own reverse flow)
        }
    }

    /** One signed call; a transport error, a non-2xx answer or a non-zero TikTok code is an exception. */
    JsonNode call(ChannelAccount a, String method, String path, Map<String, String> params, String body) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>(params);
        query.put("app_key", a.appKey() == null ? "" : a.appKey());
        query.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        query.put("sign", TikTokSignature.request(a.secret(), path, query, body));
        String base = a.baseUrl() == null || a.baseUrl().isBlank() ? defaultBaseUrl : a.baseUrl();
        String url = base + path + "?" + query.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("x-tts-access-token", a.accessToken() == null ? "" : a.accessToken());
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) throw new IOException("TikTok " + method + " " + path + ": HTTP " + res.statusCode() + " " + abbreviate(res.body()));
        JsonNode answer = JSON.readTree(res.body());
        if (answer.path("code").asInt(-1) != 0)
            throw new IOException("TikTok " + method + " " + path + ": code " + answer.path("code").asText() + " " + answer.path("message").asText());
        return answer;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
