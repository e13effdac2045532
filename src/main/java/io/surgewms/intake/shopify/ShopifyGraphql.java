package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelException;
import io.surgewms.intake.channels.ChannelException.Kind;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every call to Shopify's Admin GraphQL API: POST {base}/admin/api/{@value #API_VERSION}/graphql.json with the
 * account's token in X-Shopify-Access-Token (base = the account's base URL, else https://{shop domain}).
 * A failure is a {@link ChannelException} that says what to do about it:
 * <ul>
 * <li>HTTP 429: RATE_LIMITED, wait Retry-After; a {@code THROTTLED} error in the body: RATE_LIMITED, wait until the
 *     bucket holds the query's cost again ({@code extensions.cost.throttleStatus}: (requested − available) ÷ restoreRate)</li>
 * <li>5xx, connection refused: UNAVAILABLE; no answer in time: TIMEOUT</li>
 * <li>401/403, or an ACCESS_DENIED error: AUTH</li>
 * <li>any other error, or a mutation's {@code userErrors}: REJECTED, with Shopify's messages</li>
 * </ul>
 * Shapes: https://shopify.dev/docs/api/admin-graphql and https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
@Singleton
public class ShopifyGraphql {

    /**
     * The Admin API version every call and webhook uses. Shopify supports a stable version for 12 months; this one was
     * released 2026-10-01 and is supported until at least 2027-10-01. Move it forward once a year (docs/shopify.md).
     */
    public static final String API_VERSION = "2026-10";
    static final Duration TIMEOUT = Duration.ofSeconds(20), DEFAULT_WAIT = Duration.ofSeconds(2);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ObjectNode variables() {
        return json.createObjectNode();
    }

    /** {@code data} of a query. */
    public JsonNode query(ChannelAccount account, String query, ObjectNode variables) throws ChannelException, InterruptedException {
        return query(account, query, variables, TIMEOUT);
    }

    /** With a shorter wait, for a call made while Shopify waits for our answer to its webhook (it gives up after 5 s). */
    public JsonNode query(ChannelAccount account, String query, ObjectNode variables, Duration timeout) throws ChannelException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("query", query);
        body.set("variables", variables == null ? json.createObjectNode() : variables);
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(endpoint(account)))
                    .timeout(timeout)
                    .header("X-Shopify-Access-Token", account.accessToken() == null ? "" : account.accessToken())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ChannelException(Kind.TIMEOUT, "Shopify did not answer in " + timeout.toMillis() + " ms", null, e);
        } catch (IOException e) {
            throw new ChannelException(Kind.UNAVAILABLE, "Shopify could not be reached: " + e, null, e);
        }
        JsonNode answer = parse(r.body());
        int status = r.statusCode();
        if (status == 429)
            throw new ChannelException(Kind.RATE_LIMITED, "Shopify answered 429", retryAfter(r, answer), null);
        if (status == 401 || status == 403)
            throw new ChannelException(Kind.AUTH, "Shopify answered " + status + ": the access token is missing, revoked or lacks a scope: " + cut(r.body()));
        if (status >= 500) throw new ChannelException(Kind.UNAVAILABLE, "Shopify answered " + status + ": " + cut(r.body()));
        if (status / 100 != 2 || answer == null) throw new ChannelException(Kind.REJECTED, "Shopify answered " + status + ": " + cut(r.body()));
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) throw errors(errors, answer);
        if (errors.isTextual()) throw new ChannelException(Kind.REJECTED, "Shopify: " + errors.asText());
        return answer.path("data");
    }

    /** The payload of a mutation ({@code data.<field>}); REJECTED with the messages when it has userErrors. */
    public JsonNode mutate(ChannelAccount account, String field, String mutation, ObjectNode variables)
            throws ChannelException, InterruptedException {
        JsonNode payload = query(account, mutation, variables).path(field);
        List<String> messages = new ArrayList<>();
        for (JsonNode e : payload.path("userErrors")) {
            String where = e.path("field").isArray() && !e.path("field").isEmpty() ? " (" + e.path("field") + ")" : "";
            messages.add(e.path("message").asText("?") + where);
        }
        if (!messages.isEmpty()) throw new ChannelException(Kind.REJECTED, "Shopify refused " + field + ": " + String.join("; ", messages));
        return payload;
    }

    static String endpoint(ChannelAccount account) {
        String base = account.baseUrl() != null && !account.baseUrl().isBlank() ? account.baseUrl() : "https://" + account.account();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base + "/admin/api/" + API_VERSION + "/graphql.json";
    }

    private static ChannelException errors(JsonNode errors, JsonNode answer) {
        List<String> messages = new ArrayList<>();
        Kind kind = Kind.REJECTED;
        for (JsonNode e : errors) {
            String code = e.path("extensions").path("code").asText("");
            messages.add(e.path("message").asText("?") + (code.isEmpty() ? "" : " (" + code + ")"));
            if (code.equals("THROTTLED")) kind = Kind.RATE_LIMITED;
            else if (code.equals("ACCESS_DENIED") && kind == Kind.REJECTED) kind = Kind.AUTH;
            else if (code.equals("INTERNAL_SERVER_ERROR") && kind == Kind.REJECTED) kind = Kind.UNAVAILABLE;
        }
        String text = "Shopify: " + String.join("; ", messages);
        return kind == Kind.RATE_LIMITED ? new ChannelException(kind, text, throttledFor(answer), null) : new ChannelException(kind, text);
    }

    /**
     * How long until the bucket holds the query's cost again: (requestedQueryCost − currentlyAvailable) ÷ restoreRate
     * points a second, rounded up to whole seconds, at least one.
     */
    static Duration throttledFor(JsonNode answer) {
        JsonNode cost = answer == null ? null : answer.path("extensions").path("cost");
        if (cost == null || cost.isMissingNode()) return DEFAULT_WAIT;
        JsonNode t = cost.path("throttleStatus");
        double rate = t.path("restoreRate").asDouble(0);
        if (rate <= 0) return DEFAULT_WAIT;
        double missing = cost.path("requestedQueryCost").asDouble(0) - t.path("currentlyAvailable").asDouble(0);
        return Duration.ofSeconds(Math.max(1, (long) Math.ceil(missing / rate)));
    }

    /** Retry-After (seconds, maybe with a fraction), else the throttle status in the body, else a short default. */
    private static Duration retryAfter(HttpResponse<String> r, JsonNode answer) {
        String header = r.headers().firstValue("Retry-After").orElse(null);
        if (header != null) {
            try {
                return Duration.ofMillis(Math.max(1000, (long) Math.ceil(Double.parseDouble(header.trim()) * 1000)));
            } catch (NumberFormatException ignored) {
                // an HTTP date: rare for Shopify, fall through
            }
        }
        return throttledFor(answer);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String cut(String s) {
        if (s == null) return "";
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
