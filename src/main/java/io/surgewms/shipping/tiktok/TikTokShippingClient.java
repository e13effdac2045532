package io.surgewms.shipping.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.intake.tiktok.TikTokSignature;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierException.Kind;
import io.surgewms.shipping.spi.ProviderHttp;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TikTok Shop's Open API (202309) for one shop's account, as TikTok Shipping needs it: each call signed like
 * the channel's ({@link TikTokSignature#request}: app_key, timestamp and shop_cipher in the query, the token in
 * {@code x-tts-access-token}), sent through {@link ProviderHttp}, and a non-zero {@code code} in a 2xx answer
 * turned into a {@link CarrierException} of the right kind with TikTok's own message (codes from TikTok's
 * "Common errors" page and each endpoint's error list).
 */
final class TikTokShippingClient {

    static final String PROVIDER = "tiktok";
    static final String DEFAULT_BASE_URL = "https://open-api.tiktokglobalshop.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Expired, invalid or unauthorised credentials: the shop must reconnect or the app be fixed. */
    private static final Set<Integer> AUTH = Set.of(105002, 105005, 106001, 106013, 101000, 36009004, 36009033, 10006402);
    private static final Set<Integer> RATE_LIMITED = Set.of(36009002);
    /** TikTok's request or system timeouts: the call may or may not have happened. */
    private static final Set<Integer> TIMEOUT = Set.of(36009007, 11001027, 21001003);
    /** "Internal error", "system process error, please try again later", "document still being generated". */
    private static final Set<Integer> UNAVAILABLE = Set.of(36009003, 11001031, 21001008, 21001011, 21022026, 21022029, 21042001,
            21042076, 11006010, 11034023, 11034025, 11034037, 21023034);
    /** Ship Package's invalid postal code, address too long, buyer or seller address invalid. */
    private static final Set<Integer> ADDRESS = Set.of(11021010, 11021012, 11021013, 11021023, 11021024, 11021025, 21014009);

    private final String baseUrl;
    private final String appKey;
    private final String appSecret;
    private final String accessToken;
    private final String shopCipher;
    private final Duration timeout;

    TikTokShippingClient(CarrierCredentials account, Duration timeout) throws CarrierException {
        this.appKey = required(account, "appKey");
        this.appSecret = required(account, "appSecret");
        this.accessToken = required(account, "accessToken");
        // The shop's cipher (Get Authorized Shops): required by the fulfillment calls, not a secret.
        this.shopCipher = account.option("shopCipher", null);
        String base = account.baseUrl() == null || account.baseUrl().isBlank() ? DEFAULT_BASE_URL : account.baseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.timeout = timeout;
    }

    private static String required(CarrierCredentials account, String name) throws CarrierException {
        String v = account.secret(name);
        if (v == null || v.isBlank())
            throw new CarrierException(Kind.AUTH, "TikTok Shipping account " + account.accountId() + " has no " + name
                    + ": connect the TikTok shop again");
        return v;
    }

    /** A GET; answers {@code data}. */
    JsonNode get(String path, Map<String, String> params) throws CarrierException {
        return call("GET", path, params, null);
    }

    /** A POST of a JSON body; answers {@code data}. */
    JsonNode post(String path, Map<String, String> params, JsonNode body) throws CarrierException {
        try {
            return call("POST", path, params, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e); // a tree always serialises
        }
    }

    /**
     * A document TikTok links to (a shipping label URL, valid for a day): a plain GET, neither signed nor
     * carrying the token, which is TikTok's to see and no one else's.
     */
    byte[] download(String url) throws CarrierException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CarrierException(Kind.REJECTED, "TikTok gave a document link that is not a URL", null, e);
        }
        return ProviderHttp.send(PROVIDER, HttpRequest.newBuilder(uri).timeout(timeout).GET().build()).body();
    }

    private JsonNode call(String method, String path, Map<String, String> params, String body) throws CarrierException {
        Map<String, String> query = new LinkedHashMap<>(params);
        query.put("app_key", appKey);
        query.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        if (shopCipher != null && !shopCipher.isBlank()) query.put("shop_cipher", shopCipher);
        query.put("sign", TikTokSignature.request(appSecret, path, query, body));
        String url = baseUrl + path + "?" + query.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("x-tts-access-token", accessToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        byte[] raw = ProviderHttp.send(PROVIDER, request).body();
        JsonNode answer;
        try {
            answer = JSON.readTree(raw);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject())
            throw new CarrierException(Kind.UNAVAILABLE, "TikTok " + method + " " + path + ": an answer that is not TikTok's JSON "
                    + ProviderHttp.excerpt(raw));
        int code = answer.path("code").asInt(-1);
        if (code != 0) throw refused(method + " " + path, code, answer.path("message").asText(""), answer.path("request_id").asText(""));
        return answer.path("data");
    }

    static Refused refused(String what, int code, String message, String requestId) {
        Kind kind = kindOf(code);
        String hint = switch (kind) {
            case AUTH -> " (TikTok refused the shop's credentials: reconnect the TikTok shop or renew its access token)";
            case RATE_LIMITED -> " (too many calls: wait and retry)";
            default -> "";
        };
        return new Refused(code, kind, "TikTok " + what + ": code " + code + " " + message + hint
                + (requestId.isBlank() ? "" : " [request_id " + requestId + "]"));
    }

    static Kind kindOf(int code) {
        if (AUTH.contains(code)) return Kind.AUTH;
        if (RATE_LIMITED.contains(code)) return Kind.RATE_LIMITED;
        if (TIMEOUT.contains(code)) return Kind.TIMEOUT;
        if (UNAVAILABLE.contains(code)) return Kind.UNAVAILABLE;
        if (ADDRESS.contains(code)) return Kind.ADDRESS;
        return Kind.REJECTED;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A non-zero TikTok code, kept so the provider can tell "already shipped" from a real refusal. */
    static final class Refused extends CarrierException {
        private final int code;

        Refused(int code, Kind kind, String message) {
            super(kind, message);
            this.code = code;
        }

        int code() { return code; }
    }
}
