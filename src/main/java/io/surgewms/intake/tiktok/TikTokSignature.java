package io.surgewms.intake.tiktok;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * TikTok Shop's two signatures, as its Partner Center documents them (API version 202309):
 * <ul>
 * <li>Webhooks: the {@code Authorization} header holds lowercase hex HMAC-SHA256, keyed by the app secret,
 *     of the app key followed by the raw request body (no "Bearer", nothing parsed first).</li>
 * <li>API calls: {@code sign} = hex HMAC-SHA256, keyed by the app secret, of
 *     secret + path + (query parameters except {@code sign} and {@code access_token}, sorted by name, each name
 *     followed by its value) + body (when not multipart) + secret.</li>
 * </ul>
 */
public final class TikTokSignature {
    private TikTokSignature() {}

    /** The webhook signature of a body given as text (its UTF-8 bytes): how a sender of text would sign it. */
    public static String webhook(String appKey, String secret, String body) {
        return webhook(appKey, secret, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Over the exact bytes received: a body decoded to text and encoded again is not always the same bytes
     * (a byte that is not UTF-8, a charset other than UTF-8), and then a genuine call would fail its check.
     */
    public static String webhook(String appKey, String secret, byte[] body) {
        try {
            Mac mac = mac(secret);
            mac.update((appKey == null ? "" : appKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of the header with what the body should have been signed with. */
    public static boolean webhookValid(String appKey, String secret, byte[] body, String header) {
        if (header == null || header.isBlank() || secret == null) return false;
        byte[] expected = webhook(appKey, secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    public static String request(String secret, String path, Map<String, String> query, String body) {
        StringBuilder s = new StringBuilder(secret).append(path);
        for (var e : new TreeMap<>(query).entrySet())
            if (!e.getKey().equals("sign") && !e.getKey().equals("access_token")) s.append(e.getKey()).append(e.getValue());
        if (body != null) s.append(body);
        return hmacHex(secret, s.append(secret).toString());
    }

    static String hmacHex(String secret, String message) {
        try {
            return HexFormat.of().formatHex(mac(secret).doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac mac(String secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac;
    }
}
