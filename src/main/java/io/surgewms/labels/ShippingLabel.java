package io.surgewms.labels;

import io.surgewms.barcode.Sscc;

import java.util.List;
import java.util.Objects;

/**
 * What a shipping label says. Validated here so both renderers can trust it: a bad SSCC or an
 * unprintable tracking number fails when the label is made, not at the printer.
 *
 * @param ssccPrefixLength length of the GS1 company prefix inside the SSCC (7..10), only for grouping
 *                         the human-readable digits; 0 when unknown
 * @param twoDPayload      optional data for a QR code (carrier routing data, a return link); null for none
 */
public record ShippingLabel(Address shipFrom, Address shipTo, String carrier, String service, String trackingNumber,
                            String orderReference, String shop, String sscc, int ssccPrefixLength, int weightGrams,
                            int parcelNumber, int parcelCount, String twoDPayload) {

    /** Carriers' tracking numbers are letters and digits (some with dashes); anything else is a data error. */
    private static final String TRACKING = "[A-Za-z0-9-]{1,40}";

    public ShippingLabel {
        Objects.requireNonNull(shipFrom, "shipFrom");
        Objects.requireNonNull(shipTo, "shipTo");
        requireText(carrier, "carrier");
        if (trackingNumber == null || !trackingNumber.matches(TRACKING))
            throw new IllegalArgumentException("tracking number must be 1..40 letters, digits or dashes: " + trackingNumber);
        requireText(orderReference, "orderReference");
        Sscc.requireValid(sscc);
        if (ssccPrefixLength != 0 && (ssccPrefixLength < 7 || ssccPrefixLength > 10))
            throw new IllegalArgumentException("ssccPrefixLength must be 0 or 7..10");
        if (weightGrams < 0) throw new IllegalArgumentException("weight must not be negative");
        if (parcelCount < 1 || parcelNumber < 1 || parcelNumber > parcelCount)
            throw new IllegalArgumentException("parcel " + parcelNumber + " of " + parcelCount);
        if (twoDPayload != null && twoDPayload.isBlank()) twoDPayload = null;
    }

    /**
     * A postal address; {@code company} is the organisation under the person's name (null for none), {@code lines}
     * the street lines (at most 3 fit on the label; a long one wraps into a free one).
     */
    public record Address(String name, String company, List<String> lines, String city, String region, String postalCode,
                          String country) {
        public Address {
            requireText(name, "name");
            requireText(city, "city");
            if (company != null && company.isBlank()) company = null;
            lines = lines == null ? List.of() : lines.stream().filter(l -> l != null && !l.isBlank()).toList();
            if (lines.size() > 3) throw new IllegalArgumentException("at most 3 address lines fit on a label");
        }

        /** An address without a company (a person at home, the warehouse). */
        public Address(String name, List<String> lines, String city, String region, String postalCode, String country) {
            this(name, null, lines, city, region, postalCode, country);
        }
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(what + " is required");
    }
}
