package io.surgewms.shipping;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        byte[] sealed = c.seal(Map.of("apiKey", "EZAK_live_secret_123"), 7);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("EZAK_live_secret_123"));
        assertEquals(Map.of("apiKey", "EZAK_live_secret_123"), c.open(sealed, 7, c.keyId()));
        assertNotEquals(new String(sealed, StandardCharsets.ISO_8859_1),
                new String(c.seal(Map.of("apiKey", "EZAK_live_secret_123"), 7), StandardCharsets.ISO_8859_1), "a fresh nonce each time");
    }

    @Test
    void shall_not_open_a_blob_copied_onto_another_account() {
        CredentialCipher c = cipher(KEY);
        byte[] sealed = c.seal(Map.of("apiKey", "k"), 7);
        assertThrows(IllegalStateException.class, () -> c.open(sealed, 8, c.keyId()));
    }

    @Test
    void shall_say_which_key_sealed_a_row_after_the_key_changed() {
        CredentialCipher old = cipher(KEY);
        byte[] sealed = old.seal(Map.of("apiKey", "k"), 7);
        CredentialCipher rotated = cipher("bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE=");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rotated.open(sealed, 7, old.keyId()));
        assertEquals(true, e.getMessage().contains("enter its credentials again"), e.getMessage());
    }

    @Test
    void shall_refuse_to_seal_without_a_key() {
        io.surgewms.platform.ProblemException e = assertThrows(io.surgewms.platform.ProblemException.class, () -> cipher(null).seal(Map.of(), 1));
        assertEquals(true, e.getMessage().contains("SURGE_SHIPPING_KEY"), e.getMessage());
    }
}
