package io.surgewms.shipping.spi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The one way a provider client calls its cloud: one shared JDK HTTP client, a timeout per call, and every
 * failure turned into a {@link CarrierException} of the right kind (so the worker knows whether to retry,
 * when, and what to tell an operator). Each provider's client builds its requests; this sends them.
 */
public final class ProviderHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * How a provider words an error answer: its JSON turned into a sentence an operator can act on, and
     * whether the refusal is about an address (then {@link CarrierException.Kind#ADDRESS} rather than REJECTED).
     */
    @FunctionalInterface
    public interface ErrorReader {
        /** The provider's explanation of this answer, or null to quote the body as it came. */
        Refusal read(int status, byte[] body);
    }

    /** A provider's explanation of an error answer. */
    public record Refusal(String message, boolean address) {}

    private ProviderHttp() {}

    /** Sends the request; a 2xx answer's body comes back, anything else is thrown as a CarrierException. */
    public static HttpResponse<byte[]> send(String provider, HttpRequest request) throws CarrierException {
        return send(provider, request, null);
    }

    /**
     * Sends the request; a 2xx answer comes back, and so does any status in {@code passThrough} (for an answer
     * the provider gives on purpose, e.g. a 409 that carries the object already created). Anything else is
     * thrown, worded by {@code errors} when it can read the body.
     */
    public static HttpResponse<byte[]> send(String provider, HttpRequest request, ErrorReader errors, int... passThrough)
            throws CarrierException {
        String what = provider + " " + request.method() + " " + request.uri().getPath();
        HttpResponse<byte[]> res;
        try {
            res = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            // Never connected, so nothing was asked: unlike a read timeout, the call certainly did not happen.
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, what + ": cannot connect within the timeout", null, e);
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
        if (status / 100 == 2 || Arrays.stream(passThrough).anyMatch(s -> s == status)) return res;
        Refusal refusal = read(errors, status, res.body());
        String body = refusal == null ? excerpt(res.body()) : refusal.message();
        if (status == 429)
            throw new CarrierException(CarrierException.Kind.RATE_LIMITED, what + ": HTTP 429 too many requests " + body,
                    retryAfter(res.headers().firstValue("Retry-After").orElse(null), Instant.now()), null);
        if (status == 401 || status == 403)
            throw new CarrierException(CarrierException.Kind.AUTH, what + ": HTTP " + status
                    + " (credentials refused or expired: update the carrier account) " + body);
        if (status >= 500 || status == 408)
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, what + ": HTTP " + status + " " + body);
        CarrierException.Kind kind = refusal != null && refusal.address() ? CarrierException.Kind.ADDRESS : CarrierException.Kind.REJECTED;
        throw new CarrierException(kind, what + ": HTTP " + status + " " + body);
    }

    private static Refusal read(ErrorReader errors, int status, byte[] body) {
        if (errors == null || body == null || body.length == 0) return null;
        try {
            return errors.read(status, body);
        } catch (RuntimeException e) { // an error page that is not the provider's JSON (a proxy's HTML): quote it
            return null;
        }
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
