package io.surgewms.barcode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsccTest {

    @Test
    void shall_match_the_gs1_general_specifications_example() {
        // GS1 General Specifications: extension 1, company prefix 0614141, serial 123456789 -> (00) 106141411234567897
        assertEquals("106141411234567897", Sscc.of(1, "0614141", 123456789));
        assertTrue(Sscc.isValid("106141411234567897"));
        // The same with extension digit 0: the weighted sum drops by 3, so the check digit is 0
        assertEquals("006141411234567890", Sscc.of(0, "0614141", 123456789));
    }

    @Test
    void shall_pad_the_serial_to_what_the_company_prefix_leaves() {
        assertEquals("3" + "4012345678" + "000042", Sscc.of(3, "4012345678", 42).substring(0, 17));
        assertTrue(Sscc.isValid(Sscc.of(3, "4012345678", 42)));
        assertThrows(IllegalArgumentException.class, () -> Sscc.of(3, "4012345678", 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> Sscc.of(10, "0614141", 1));
        assertThrows(IllegalArgumentException.class, () -> Sscc.of(0, "061414", 1));
    }

    @Test
    void shall_reject_wrong_check_digits_and_lengths() {
        for (int d = 0; d <= 9; d++) {
            String code = "10614141123456789" + d;
            assertEquals(d == 7, Sscc.isValid(code), code);
        }
        assertFalse(Sscc.isValid("10614141123456789"));
        assertFalse(Sscc.isValid("1061414112345678970"));
        assertFalse(Sscc.isValid("10614141123456789X"));
        assertFalse(Sscc.isValid(null));
        assertThrows(IllegalArgumentException.class, () -> Sscc.requireValid("106141411234567890"));
    }

    @Test
    void shall_format_the_human_readable_text() {
        assertEquals("(00) 1 0614141 123456789 7", Sscc.humanReadable("106141411234567897", 7));
        assertEquals("(00) 0 0614141 123456789 0", Sscc.humanReadable("006141411234567890", 7));
        assertEquals("(00) 1 0614141123456789 7", Sscc.humanReadable("106141411234567897", 0));
    }

    @Test
    void shall_build_gs1_element_strings() {
        assertEquals("00106141411234567897", Gs1ElementString.sscc("106141411234567897"));
        assertEquals("420SW1A1AA", Gs1ElementString.shipToPostalCode("sw1a 1aa"));
        assertEquals("(420) 10115", Gs1ElementString.humanReadablePostalCode("42010115"));
        assertThrows(IllegalArgumentException.class, () -> Gs1ElementString.shipToPostalCode("90-210/ä"));
        // AI 420 is variable length: FNC1 after it unless last; AI 00 is fixed and never needs one
        assertEquals("~00106141411234567897" + "42010115",
                Gs1ElementString.join("~", "00106141411234567897", "42010115"));
        assertEquals("~42010115~00106141411234567897",
                Gs1ElementString.join("~", "42010115", "00106141411234567897"));
    }
}
