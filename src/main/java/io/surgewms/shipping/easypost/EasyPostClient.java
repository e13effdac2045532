package io.surgewms.shipping.easypost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.ProviderHttp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * EasyPost's REST API v2, one shop account's worth: JSON over HTTPS with the API key as the basic-auth user
 * (no password), a timeout per call ({@code timeoutMs}, 10 s by default), the account's base URL (the
 * production host by default, a local fake in tests). Errors are read from EasyPost's
 * {@code {"error": {code, message, errors[]}}} into the exception's message; codes {@code ADDRESS.*} are
 * address problems.
 */
final class EasyPostClient {

    static final String DEFAULT_BASE_URL = "https://api.easypost.com/v2";
    static final String PROVIDER = "easypost";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    EasyPostClient(CarrierCredentials account) throws CarrierException {
        String key = account.secret("apiKey");
        if (key == null || key.isBlank())
            throw new CarrierException(CarrierException.Kind.AUTH, "easypost: account " + account.accountId() + " has no apiKey");
        String base = account.baseUrl() == null || account.baseUrl().isBlank() ? DEFAULT_BASE_URL : account.baseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout(account);
    }

    static Duration timeout(CarrierCredentials account) {
        try {
            long ms = Long.parseLong(account.option("timeoutMs", "10000").trim());
            return Duration.ofMillis(ms > 0 ? ms : 10_000);
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(10);
        }
    }

    JsonNode get(String path) throws CarrierException {
        return call(request(path).GET().build());
    }

    JsonNode post(String path, JsonNode body) throws CarrierException {
        String json = body == null ? "" : body.toString();
        return call(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /**
     * A file EasyPost links to (postage label, scan form). Those URLs are signed storage links on another
     * host, so the API key is never sent with them.
     */
    byte[] download(String url) throws CarrierException {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()))
            throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: not a file link: " + url);
        try {
            return ProviderHttp.send(PROVIDER, HttpRequest.newBuilder(uri).timeout(timeout).GET().build()).body();
        } catch (CarrierException e) {
            if (e.kind() != CarrierException.Kind.AUTH) throw e;
            // a 403 from the file host is an expired link, not our API key: read the shipment again for a fresh one
            throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: file link refused (expired?): " + e.getMessage(), null, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("User-Agent", "surge-wms");
    }

    private static JsonNode call(HttpRequest request) throws CarrierException {
        byte[] body = ProviderHttp.send(PROVIDER, request, EasyPostClient::refusal).body();
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, "easypost " + request.method() + " "
                    + request.uri().getPath() + ": answer is not JSON: " + ProviderHttp.excerpt(body), null, e);
        }
    }

    /** EasyPost's error object as one line: "CODE: message (field: message; ...)". */
    static ProviderHttp.Refusal refusal(int status, byte[] body) {
        JsonNode error;
        try {
            error = JSON.readTree(body).path("error");
        } catch (IOException e) {
            return null;
        }
        if (!error.isObject()) return null;
        String code = error.path("code").asText("");
        StringBuilder message = new StringBuilder(code.isEmpty() ? "" : code + ": ").append(error.path("message").asText(""));
        List<String> details = new ArrayList<>();
        for (JsonNode e : error.path("errors")) {
            // errors[] holds FieldError objects or plain strings, as the docs warn
            if (e.isTextual()) details.add(e.asText());
            else {
                String field = e.path("field").asText("");
                String text = e.path("message").asText("");
                String suggestion = e.path("suggestion").asText("");
                details.add((field.isEmpty() ? "" : field + ": ") + text + (suggestion.isEmpty() ? "" : " (try " + suggestion + ")"));
            }
        }
        if (!details.isEmpty()) message.append(" (").append(String.join("; ", details)).append(')');
        return new ProviderHttp.Refusal(message.toString(), code.startsWith("ADDRESS.") || code.startsWith("E.ADDRESS"));
    }
}
