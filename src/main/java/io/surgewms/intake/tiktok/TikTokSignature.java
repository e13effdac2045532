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

    public static String webhook(String appKey, String secret, String body) {
        return hmacHex(secret, (appKey == null ? "" : appKey) + body);
    }

    /** Constant-time comparison of the header with what the body should have been signed with. */
    public static boolean webhookValid(String appKey, String secret, String body, String header) {
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
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
