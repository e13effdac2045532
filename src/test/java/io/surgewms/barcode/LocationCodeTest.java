package io.surgewms.barcode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocationCodeTest {

    @Test
    void shall_read_zone_aisle_bay_and_level_from_a_rack_code() {
        LocationCode c = LocationCode.parse("A-03-12-2");
        assertEquals(new LocationCode("A", 3, 12, 2), c);
        assertEquals(new LocationCode("MEZ", 99, 1, 9), LocationCode.parse("MEZ-99-01-9"));
    }

    @Test
    void shall_write_numbers_with_leading_zeros() {
        assertEquals("A-03-12-2", LocationCode.format("A", 3, 12, 2));
        assertEquals("BK-10-01-1", new LocationCode("BK", 10, 1, 1).toCode());
    }

    @Test
    void shall_round_trip_every_code_it_formats() {
        for (int aisle = 1; aisle <= 99; aisle += 7)
            for (int bay = 1; bay <= 99; bay += 11)
                for (int level = 1; level <= 9; level++) {
                    String code = LocationCode.format("ZA", aisle, bay, level);
                    assertEquals(new LocationCode("ZA", aisle, bay, level), LocationCode.parse(code), code);
                }
    }

    @Test
    void shall_not_take_a_malformed_rack_code_for_a_location() {
        for (String bad : new String[]{"A-3-12-2", "A-03-12-02", "A-00-12-2", "A-03-00-2", "A-03-12-0",
                "ABCD-03-12-2", "a-03-12-2", "A-100-01-1"}) {
            assertNull(LocationCode.parse(bad), bad);
            assertFalse(LocationCode.isPlausibleLocation(bad), bad);
            assertNotNull(LocationCode.problemWith(bad), bad);
        }
    }

    @Test
    void shall_accept_free_codes_for_totes_carts_and_staging_lanes() {
        for (String free : new String[]{"TOTE-0001", "STAGE-1", "CART-12", "DOCK1", "QA"}) {
            assertTrue(LocationCode.isPlausibleLocation(free), free);
            assertFalse(LocationCode.isRackCode(free), free);
            assertNull(LocationCode.parse(free), free);
        }
    }

    @Test
    void shall_refuse_free_codes_outside_the_alphabet_or_length() {
        for (String bad : new String[]{"", "T", "tote-1", "TOTE_1", "TOTE 1", "-TOTE", "TOTE-", "A".repeat(33), "4006381333931\n"})
            assertFalse(LocationCode.isPlausibleLocation(bad), bad);
        assertFalse(LocationCode.isPlausibleLocation(null));
    }

    @Test
    void shall_refuse_to_build_a_code_out_of_range() {
        assertThrows(IllegalArgumentException.class, () -> LocationCode.format("A", 100, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LocationCode.format("A1", 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LocationCode.format("A", 1, 1, 10));
    }
}
