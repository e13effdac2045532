package io.surgewms.shipping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.platform.ProblemException;
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
 * Seals carrier credentials at rest: AES-256-GCM under the key in {@code surge.shipping.credentials-key}
 * (32 bytes, Base64; env SURGE_SHIPPING_KEY), a fresh 12-byte nonce per sealing, the account's id as
 * associated data so a sealed blob copied onto another account does not open. A dump of the database
 * alone does not give an attacker the shops' carrier accounts. key_id (the key's fingerprint) is stored
 * with each row so a rotated key says which rows it cannot open.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "surge.shipping.credentials-key") Optional<String> configuredKey;

    private volatile SecretKeySpec key;
    private volatile String keyId;

    public String keyId() {
        key();
        return keyId;
    }

    public byte[] seal(Map<String, String> secrets, long accountId) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(accountId));
            byte[] sealed = c.doFinal(JSON.writeValueAsBytes(secrets));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot seal carrier credentials", e);
        }
    }

    public Map<String, String> open(byte[] blob, long accountId, String rowKeyId) {
        if (!keyId().equals(rowKeyId))
            throw new IllegalStateException("carrier account " + accountId + " was sealed with key " + rowKeyId
                    + ", not the configured key " + keyId + ": enter its credentials again");
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, blob, 0, 12));
            c.updateAAD(aad(accountId));
            byte[] clear = c.doFinal(blob, 12, blob.length - 12);
            return JSON.readValue(clear, new TypeReference<Map<String, String>>() {});
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("carrier account " + accountId + ": credentials do not open with the configured key", e);
        }
    }

    private static byte[] aad(long accountId) {
        return ("carrier_account:" + accountId).getBytes(StandardCharsets.US_ASCII);
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k != null) return k;
        String b64 = configuredKey.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() -> ProblemException.unavailable(
                "No key to seal carrier credentials: set SURGE_SHIPPING_KEY (surge.shipping.credentials-key) to 32 random bytes in Base64, "
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
