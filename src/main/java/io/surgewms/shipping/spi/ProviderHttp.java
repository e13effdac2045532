package io.surgewms.shipping.spi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one way a provider client calls its cloud: one shared JDK HTTP client, a timeout per call, and every
 * failure turned into a {@link CarrierException} of the right kind (so the worker knows whether to retry,
 * when, and what to tell an operator). Each provider's client builds its requests; this sends them.
 */
public final class ProviderHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private ProviderHttp() {}

    /** Sends the request; a 2xx answer's body comes back, anything else is thrown as a CarrierException. */
    public static HttpResponse<byte[]> send(String provider, HttpRequest request) throws CarrierException {
        String what = provider + " " + request.method() + " " + request.uri().getPath();
        HttpResponse<byte[]> res;
        try {
            res = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CarrierException(CarrierException.Kind.TIMEOUT, what + ": no answer within the timeout", null, e);
        } catch (ConnectException e) {
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, what + ": cannot connect", null, e);
        } catch (IOException e) {
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, what + ": " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, what + ": interrupted", null, e);
        }
        int status = res.statusCode();
        if (status / 100 == 2) return res;
        String body = excerpt(res.body());
        if (status == 429)
            throw new CarrierException(CarrierException.Kind.RATE_LIMITED, what + ": HTTP 429 too many requests " + body,
                    retryAfter(res.headers().firstValue("Retry-After").orElse(null), Instant.now()), null);
        if (status == 401 || status == 403)
            throw new CarrierException(CarrierException.Kind.AUTH, what + ": HTTP " + status
                    + " (credentials refused or expired: update the carrier account) " + body);
        if (status >= 500 || status == 408)
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, what + ": HTTP " + status + " " + body);
        throw new CarrierException(CarrierException.Kind.REJECTED, what + ": HTTP " + status + " " + body);
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110 10.2.3); null when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) return null;
        String h = header.trim();
        if (h.matches("\\d{1,9}")) return Duration.ofSeconds(Long.parseLong(h));
        try {
            Duration d = Duration.between(now, ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The start of an error body, for messages an operator reads. */
    public static String excerpt(byte[] body) {
        if (body == null || body.length == 0) return "";
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
