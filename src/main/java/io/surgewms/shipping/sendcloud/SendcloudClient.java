package io.surgewms.shipping.sendcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.LabelFormat;
import io.surgewms.shipping.spi.ProviderHttp;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sendcloud's public API v3, one shop account's worth: JSON with the account's public and secret key as
 * basic auth, a timeout per call ({@code timeoutMs}, 10 s by default) and the account's base URL (the
 * production host by default, a local fake in tests). Errors are read from v3's
 * {@code {"errors": [{status, code, detail, source.pointer}]}}; an error pointing into an address
 * ({@code /to_address/...}, {@code /from_address/...}) is an address problem.
 */
final class SendcloudClient {

    static final String DEFAULT_BASE_URL = "https://panel.sendcloud.sc/api/v3";
    static final String PROVIDER = "sendcloud";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer the caller reads itself: 2xx, or a status it asked to see (409 on a reused reference). */
    record Answer(int status, JsonNode body) {}

    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    SendcloudClient(CarrierCredentials account) throws CarrierException {
        String publicKey = account.secret("publicKey");
        String secretKey = account.secret("secretKey");
        if (publicKey == null || publicKey.isBlank() || secretKey == null || secretKey.isBlank())
            throw new CarrierException(CarrierException.Kind.AUTH, "sendcloud: account " + account.accountId()
                    + " needs publicKey and secretKey");
        String base = account.baseUrl() == null || account.baseUrl().isBlank() ? DEFAULT_BASE_URL : account.baseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
        Duration t;
        try {
            long ms = Long.parseLong(account.option("timeoutMs", "10000").trim());
            t = Duration.ofMillis(ms > 0 ? ms : 10_000);
        } catch (NumberFormatException e) {
            t = Duration.ofSeconds(10);
        }
        this.timeout = t;
    }

    JsonNode get(String path) throws CarrierException {
        return read(send(request(path).GET().build()));
    }

    JsonNode post(String path, JsonNode body) throws CarrierException {
        return read(send(post(path, body, "application/json")));
    }

    /** POST whose listed non-2xx statuses come back instead of being thrown. */
    Answer post(String path, JsonNode body, int... passThrough) throws CarrierException {
        HttpResponse<byte[]> res = send(post(path, body, "application/json"), passThrough);
        return new Answer(res.statusCode(), read(res));
    }

    /** A parcel's document (its label) in the format the station prints; v3 chooses it by the Accept header. */
    byte[] document(long parcelId, String type, LabelFormat format, Integer dpi) throws CarrierException {
        String query = dpi == null ? "" : "?dpi=" + dpi;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/parcels/" + parcelId + "/documents/" + type + query))
                .timeout(timeout).header("Authorization", authorization).header("Accept", mimeType(format))
                .header("User-Agent", "surge-wms").GET().build();
        return send(request).body();
    }

    static String mimeType(LabelFormat format) {
        return format == LabelFormat.ZPL ? "application/zpl" : "application/pdf";
    }

    static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest post(String path, JsonNode body, String contentType) {
        return request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString(), StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json").header("User-Agent", "surge-wms");
    }

    private static HttpResponse<byte[]> send(HttpRequest request, int... passThrough) throws CarrierException {
        return ProviderHttp.send(PROVIDER, request, SendcloudClient::refusal, passThrough);
    }

    private static JsonNode read(HttpResponse<byte[]> res) throws CarrierException {
        byte[] body = res.body();
        try {
            return body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, "sendcloud " + res.request().method() + " "
                    + res.request().uri().getPath() + ": answer is not JSON: " + ProviderHttp.excerpt(body), null, e);
        }
    }

    /** v3's errors[] as one line: "code: detail at /pointer; ...". */
    static ProviderHttp.Refusal refusal(int status, byte[] body) {
        JsonNode errors;
        try {
            errors = JSON.readTree(body).path("errors");
        } catch (IOException e) {
            return null;
        }
        if (!errors.isArray() || errors.isEmpty()) return null;
        return new ProviderHttp.Refusal(describe(errors), aboutAddress(errors));
    }

    static String describe(JsonNode errors) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : errors) {
            String code = e.path("code").asText("");
            String detail = e.path("detail").asText(e.path("title").asText(e.path("message").asText("")));
            String pointer = e.path("source").path("pointer").asText(e.path("field").asText(""));
            parts.add((code.isEmpty() ? "" : code + ": ") + detail + (pointer.isEmpty() ? "" : " at " + pointer));
        }
        return String.join("; ", parts);
    }

    static boolean aboutAddress(JsonNode errors) {
        for (JsonNode e : errors) {
            String pointer = e.path("source").path("pointer").asText("");
            if (pointer.startsWith("/to_address") || pointer.startsWith("/from_address")) return true;
        }
        return false;
    }
}
