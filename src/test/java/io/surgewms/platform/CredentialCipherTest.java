package io.surgewms.platform;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialCipherTest {

    static CredentialCipher cipher(String key) {
        CredentialCipher c = new CredentialCipher();
        c.configuredKey = Optional.ofNullable(key);
        return c;
    }

    static final String KEY = "dGVzdC1vbmx5LWtleS0zMi1ieXRlcy1sb25nLTAwMDE=";

    @Test
    void shall_open_what_it_sealed_and_never_hold_the_secret_in_clear() {
        CredentialCipher c = cipher(KEY);
        byte[] sealed = c.seal(Map.of("apiKey", "EZAK_live_secret_123"), "carrier_account", 7);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("EZAK_live_secret_123"));
        assertEquals(Map.of("apiKey", "EZAK_live_secret_123"), c.open(sealed, "carrier_account", 7, c.keyId()));
        assertNotEquals(new String(sealed, StandardCharsets.ISO_8859_1),
                new String(c.seal(Map.of("apiKey", "EZAK_live_secret_123"), "carrier_account", 7), StandardCharsets.ISO_8859_1), "a fresh nonce each time");
    }

    @Test
    void shall_not_open_a_blob_copied_onto_another_account() {
        CredentialCipher c = cipher(KEY);
        byte[] sealed = c.seal(Map.of("apiKey", "k"), "carrier_account", 7);
        assertThrows(IllegalStateException.class, () -> c.open(sealed, "carrier_account", 8, c.keyId()));
    }

    @Test
    void shall_say_which_key_sealed_a_row_after_the_key_changed() {
        CredentialCipher old = cipher(KEY);
        byte[] sealed = old.seal(Map.of("apiKey", "k"), "carrier_account", 7);
        CredentialCipher rotated = cipher("bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE=");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rotated.open(sealed, "carrier_account", 7, old.keyId()));
        assertEquals(true, e.getMessage().contains("enter its credentials again"), e.getMessage());
    }

    @Test
    void shall_refuse_to_seal_without_a_key() {
        ProblemException e = assertThrows(ProblemException.class, () -> cipher(null).seal(Map.of(), "carrier_account", 1));
        assertEquals(true, e.getMessage().contains("SURGE_SHIPPING_KEY"), e.getMessage());
    }

    @Test
    void shall_seal_a_text_column_that_opens_only_in_its_own_row_and_field() {
        CredentialCipher c = cipher(KEY);
        String sealed = c.sealText("TTP_access_token", "channel_account:7:access_token");
        assertTrue(CredentialCipher.isSealed(sealed));
        assertFalse(sealed.contains("TTP_access_token"));
        assertEquals("TTP_access_token", c.openText(sealed, "channel_account:7:access_token"));
        assertThrows(IllegalStateException.class, () -> c.openText(sealed, "channel_account:8:access_token"));
        assertThrows(IllegalStateException.class, () -> c.openText(sealed, "channel_account:7:refresh_token"));
        assertEquals("left from before sealing", c.openText("left from before sealing", "channel_account:7:secret"));
    }

    @Test
    void shall_open_a_carrier_blob_sealed_before_the_cipher_was_shared() throws Exception {
        // what shipping's own cipher wrote: nonce + AES-GCM of the JSON map, "carrier_account:<id>" as associated data
        CredentialCipher c = cipher(KEY);
        byte[] nonce = new byte[12];
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(KEY), "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        aes.updateAAD("carrier_account:7".getBytes(StandardCharsets.US_ASCII));
        byte[] ct = aes.doFinal("{\"apiKey\":\"k\"}".getBytes(StandardCharsets.UTF_8));
        byte[] blob = java.nio.ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array();
        assertEquals(Map.of("apiKey", "k"), c.open(blob, "carrier_account", 7, c.keyId()));
    }
}
