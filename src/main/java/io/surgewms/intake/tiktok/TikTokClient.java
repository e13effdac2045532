package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelClient;
import io.surgewms.intake.channels.ChannelException;
import io.surgewms.intake.channels.ChannelException.Kind;
import io.surgewms.intake.channels.ChannelTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TikTok Shop's Open API (version 202309), the few calls Surge makes: order detail, mark a package as
 * shipped with its tracking number (not for labels TikTok sold: those are shipped through
 * io.surgewms.shipping.tiktok), and set a SKU's inventory. The base URL is the account's (the
 * production host by default, a local fake in tests); every request is signed as TikTok documents it
 * ({@link TikTokSignature#request}), carries the shop's {@code shop_cipher} (all three calls are shop-scoped)
 * and the access token in {@code x-tts-access-token}. A refused token is refreshed once and the call made
 * again ({@link ChannelTokens#refreshAfterRefusal}); every failure is a {@link ChannelException} saying what to do.
 */
@ApplicationScoped
public class TikTokClient implements ChannelClient {

    static final String VERSION = "202309";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Codes TikTok answers for credentials (as io.surgewms.shipping.tiktok reads them): expired or invalid token, bad sign. */
    static final Set<Integer> AUTH = Set.of(105001, 105002, 105005, 106001, 36009004);
    /** "Too many requests" as a code rather than HTTP 429. */
    static final Set<Integer> RATE_LIMITED = Set.of(36009002);

    @ConfigProperty(name = "surge.channels.tiktok.base-url", defaultValue = "https://open-api.tiktokglobalshop.com") String defaultBaseUrl;
    @ConfigProperty(name = "surge.channels.http-timeout", defaultValue = "10s") Duration timeout;
    @Inject ChannelTokens tokens;

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String channel() {
        return "tiktok";
    }

    /** The order as TikTok holds it (one element of data.orders of Get Order Detail); null when TikTok does not know it. */
    public JsonNode order(ChannelAccount a, String orderId) throws ChannelException, InterruptedException {
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
                // Update Inventory: POST /product/202309/products/{product_id}/inventory/update, TikTok's product id in the
                // path and its sku_id in the body. Our own product id means nothing to TikTok: without theirs, nothing is sent.
                String product = payload.path("channelProductId").asText("");
                if (product.isBlank())
                    throw new ChannelException(Kind.REJECTED, "stock level of channel SKU " + payload.path("channelSku").asText()
                            + " has no TikTok product id: map the SKU again with its channelProductId");
                ObjectNode body = JSON.createObjectNode();
                ObjectNode sku = body.putArray("skus").addObject();
                sku.put("id", payload.path("channelSku").asText());
                sku.putArray("inventory").addObject().put("quantity", payload.path("quantity").asInt());
                call(a, "POST", "/product/" + VERSION + "/products/" + enc(product) + "/inventory/update", Map.of(), JSON.writeValueAsString(body));
            }
            default -> { } // nothing TikTok takes (e.g. return.received: TikTok's returns run through its own reverse flow)
        }
    }

    /** One signed, shop-scoped call; a token TikTok refuses is refreshed once and the call made again with the new one. */
    JsonNode call(ChannelAccount a, String method, String path, Map<String, String> params, String body) throws ChannelException, InterruptedException {
        try {
            return once(a, method, path, params, body);
        } catch (ChannelException e) {
            if (e.kind() != Kind.AUTH || tokens == null) throw e;
            ChannelAccount now = tokens.refreshAfterRefusal(a);
            if (Objects.equals(now.accessToken(), a.accessToken())) throw e;
            return once(now, method, path, params, body);
        }
    }

    private JsonNode once(ChannelAccount a, String method, String path, Map<String, String> params, String body) throws ChannelException, InterruptedException {
        if (a.shopCipher() == null || a.shopCipher().isBlank())
            throw new ChannelException(Kind.REJECTED, "TikTok account " + a.id() + " has no shop cipher: set it (Get Authorized Shops) on the account");
        Map<String, String> query = new LinkedHashMap<>(params);
        query.put("app_key", a.appKey() == null ? "" : a.appKey());
        query.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        query.put("shop_cipher", a.shopCipher());
        query.put("sign", TikTokSignature.request(a.secret() == null ? "" : a.secret(), path, query, body));
        String base = a.baseUrl() == null || a.baseUrl().isBlank() ? defaultBaseUrl : a.baseUrl();
        String url = base + path + "?" + query.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("x-tts-access-token", a.accessToken() == null ? "" : a.accessToken());
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return answer(exchange(req.build(), "TikTok " + method + " " + path), "TikTok " + method + " " + path);
    }

    /** The call made; a transport failure as TIMEOUT (it may have happened) or UNAVAILABLE (it did not connect). */
    static HttpResponse<String> exchange(HttpRequest request, String what) throws ChannelException, InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ChannelException(Kind.TIMEOUT, what + ": no answer in time", null, e);
        } catch (ConnectException e) {
            throw new ChannelException(Kind.UNAVAILABLE, what + ": cannot connect (" + e.getMessage() + ")", null, e);
        } catch (IOException e) {
            throw new ChannelException(Kind.TIMEOUT, what + ": " + e, null, e);
        }
    }

    /** TikTok's JSON when HTTP 2xx and code 0; otherwise what the status or the code means. */
    static JsonNode answer(HttpResponse<String> res, String what) throws ChannelException {
        int status = res.statusCode();
        JsonNode answer;
        try {
            answer = JSON.readTree(res.body() == null ? "" : res.body());
        } catch (IOException e) {
            answer = null;
        }
        int code = answer == null ? -1 : answer.path("code").asInt(-1);
        String detail = what + ": HTTP " + status + (answer == null ? " " + abbreviate(res.body()) : " code " + code + " " + answer.path("message").asText());
        if (status == 429 || RATE_LIMITED.contains(code))
            throw new ChannelException(Kind.RATE_LIMITED, detail, retryAfter(res.headers().firstValue("Retry-After").orElse(null)), null);
        if (status == 401 || status == 403 || AUTH.contains(code)) throw new ChannelException(Kind.AUTH, detail);
        if (status >= 500) throw new ChannelException(Kind.UNAVAILABLE, detail);
        if (status / 100 != 2) throw new ChannelException(Kind.REJECTED, detail);
        if (answer == null || !answer.isObject()) throw new ChannelException(Kind.UNAVAILABLE, what + ": an answer that is not TikTok's JSON: " + abbreviate(res.body()));
        if (code != 0) throw new ChannelException(Kind.REJECTED, detail);
        return answer;
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110); null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) return null;
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
