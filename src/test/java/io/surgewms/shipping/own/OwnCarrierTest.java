package io.surgewms.shipping.own;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.barcode.Gtin;
import io.surgewms.platform.ProblemException;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.ParcelSpec;
import io.surgewms.shipping.spi.Rate;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The own-account range: numbers only from the range granted, and as a provider one number per parcel for ever. */
@QuarkusTest
class OwnCarrierTest {

    @Inject AgroalDataSource db;
    @Inject OwnCarrier carrier;

    @Test
    void shall_issue_tracking_numbers_only_from_the_configured_range_with_a_check_digit() throws Exception {
        OwnCarrier own = new OwnCarrier();
        own.prefix = "ZZ";
        try (Connection c = db.getConnection()) {
            long base;
            try (var rs = c.createStatement().executeQuery("select last_value from tracking_serial")) {
                rs.next();
                base = rs.getLong(1) + 1_000;
            }
            // A new range granted by the carrier: numbering jumps to its start and stops at its end.
            own.rangeStart = base;
            own.rangeEnd = base + 1;
            String first = own.nextTrackingNumber(c), second = own.nextTrackingNumber(c);
            assertEquals("ZZ" + String.format("%010d", base), first.substring(0, 12));
            assertEquals("ZZ" + String.format("%010d", base + 1), second.substring(0, 12));
            assertEquals(Gtin.checkDigit(first.substring(2, 12)), first.charAt(12) - '0');
            ProblemException used = assertThrows(ProblemException.class, () -> own.nextTrackingNumber(c));
            assertEquals(503, used.problem().status());
            assertTrue(used.getMessage().contains("range"));
        }
    }

    @Test
    void shall_quote_from_the_account_options_and_give_a_parcel_the_same_number_on_every_repeat() throws Exception {
        CarrierCredentials account = new CarrierCredentials(9, "own", null, Map.of(),
                Map.of("carrier", "LOCALX", "service", "SAMEDAY", "costCents", "250", "transitDays", "1"));
        ParcelSpec parcel = new ParcelSpec("surge-own-" + System.nanoTime() + "-1-v1", "R-1", "api", null, null, null, 300,
                null, null, null, null, null, null, List.of());
        List<Rate> rates = carrier.rates(account, parcel);
        assertEquals(1, rates.size());
        assertEquals("LOCALX", rates.get(0).carrier());
        assertEquals(250, rates.get(0).costCents());
        assertEquals(1, rates.get(0).transitDays());
        BoughtLabel first = carrier.buy(account, parcel, rates.get(0));
        BoughtLabel again = carrier.buy(account, parcel, rates.get(0));
        assertEquals(first.trackingNumber(), again.trackingNumber(), "a repeat after a lost answer gets the same number");
        assertTrue(first.trackingNumber().startsWith("SW"), first.trackingNumber());
        assertNull(first.label(), "Surge draws the label at packing");
        ParcelSpec other = new ParcelSpec(parcel.key().replace("-v1", "-v2"), "R-1", "api", null, null, null, 300,
                null, null, null, null, null, null, List.of());
        assertNotEquals(first.trackingNumber(), carrier.buy(account, other, rates.get(0)).trackingNumber());
    }
}
