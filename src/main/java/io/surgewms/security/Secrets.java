package io.surgewms.security;

import io.quarkus.elytron.security.common.BcryptUtil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Hashing and random tokens. Passwords and PINs: bcrypt (slow on purpose; a PIN is short, so the
 * lockout after failed attempts does the rest). Session tokens and API keys: 32 random bytes, stored
 * as SHA-256 (a fast hash is safe for long random secrets and keeps each request one index probe).
 */
public final class Secrets {
    private Secrets() {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BCRYPT_COST = 10;

    public static String hashPassword(String plain) {
        return BcryptUtil.bcryptHash(plain, BCRYPT_COST);
    }

    public static boolean matches(String plain, String hash) {
        return plain != null && hash != null && BcryptUtil.matches(plain, hash);
    }

    /** A new secret: prefix + 43 URL-safe characters. */
    public static String token(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
