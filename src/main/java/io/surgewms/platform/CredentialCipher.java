package io.surgewms.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Seals the secrets Surge keeps for other systems (carrier credentials, channel app secrets and tokens):
 * AES-256-GCM under the key in {@code surge.shipping.credentials-key} (32 bytes, Base64; env SURGE_SHIPPING_KEY,
 * named for the first feature that needed it), a fresh 12-byte nonce per sealing, and associated data naming
 * the row (and field) it belongs to, so a sealed value copied onto another row or column does not open. A dump
 * of the database alone gives an attacker none of them. The key's fingerprint travels with every sealed value,
 * so a rotated key says which rows it cannot open.
 */
@ApplicationScoped
public class CredentialCipher {

    /** How a sealed text value starts: {@code sealed:v1:<key id>:<base64 nonce + ciphertext>}. */
    public static final String SEALED = "sealed:v1:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "surge.shipping.credentials-key") Optional<String> configuredKey;

    private volatile SecretKeySpec key;
    private volatile String keyId;

    /** The key's fingerprint; a 503 problem when no usable key is configured. */
    public String keyId() {
        key();
        return keyId;
    }

    /** Whether a key is configured at all (without saying anything about it). */
    public boolean configured() {
        return configuredKey.map(String::trim).filter(s -> !s.isEmpty()).isPresent();
    }

    /** A row's secrets as one blob (carrier_account.credentials); {@code table:id} is the associated data. */
    public byte[] seal(Map<String, String> secrets, String table, long id) {
        try {
            return seal(JSON.writeValueAsBytes(secrets), table + ":" + id);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot seal credentials", e);
        }
    }

    public Map<String, String> open(byte[] blob, String table, long id, String rowKeyId) {
        if (!keyId().equals(rowKeyId))
            throw new IllegalStateException(table + " " + id + " was sealed with key " + rowKeyId
                    + ", not the configured key " + keyId + ": enter its credentials again");
        try {
            return JSON.readValue(open(blob, table + ":" + id), new TypeReference<Map<String, String>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(table + " " + id + ": credentials are not what was sealed", e);
        }
    }

    /** One secret as text for a text column; {@code context} (e.g. {@code channel_account:7:secret}) must match to open it. */
    public String sealText(String clear, String context) {
        if (clear == null) return null;
        return SEALED + keyId() + ":" + Base64.getEncoder().encodeToString(seal(clear.getBytes(StandardCharsets.UTF_8), context));
    }

    /** The clear text of a value {@link #sealText} made; a value not sealed yet (a row from before sealing) comes back as it is. */
    public String openText(String stored, String context) {
        if (stored == null || !isSealed(stored)) return stored;
        int colon = stored.indexOf(':', SEALED.length());
        String rowKeyId = stored.substring(SEALED.length(), colon);
        if (!keyId().equals(rowKeyId))
            throw new IllegalStateException(context + " was sealed with key " + rowKeyId + ", not the configured key " + keyId
                    + ": enter its credentials again");
        return new String(open(Base64.getDecoder().decode(stored.substring(colon + 1)), context), StandardCharsets.UTF_8);
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(SEALED);
    }

    private byte[] seal(byte[] clear, String context) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(clear);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal " + context, e);
        }
    }

    private byte[] open(byte[] blob, String context) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, blob, 0, 12));
            c.updateAAD(context.getBytes(StandardCharsets.US_ASCII));
            return c.doFinal(blob, 12, blob.length - 12);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(context + ": does not open with the configured key", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k != null) return k;
        String b64 = configuredKey.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() -> ProblemException.unavailable(
                "No key to seal credentials: set SURGE_SHIPPING_KEY (surge.shipping.credentials-key) to 32 random bytes in Base64, "
                        + "e.g. openssl rand -base64 32"));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unavailable("surge.shipping.credentials-key is not Base64");
        }
        if (raw.length != 32) throw ProblemException.unavailable("surge.shipping.credentials-key must be 32 bytes (AES-256), not " + raw.length);
        try {
            keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return key = new SecretKeySpec(raw, "AES");
    }
}
