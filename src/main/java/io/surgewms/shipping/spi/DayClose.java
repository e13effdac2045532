package io.surgewms.shipping.spi;

import java.util.Map;

/**
 * The end-of-day document (manifest, scan form) a provider issued, or none where it has none.
 *
 * @param leftOut the labels the provider would not put on the document, by {@link BoughtLabel#providerRef()},
 *                with its reason (a refunded label, one already on another form): their parcels are not
 *                manifested and need a person or another close
 */
public record DayClose(String reference, String format, byte[] document, Map<String, String> leftOut) {

    public DayClose {
        leftOut = leftOut == null ? Map.of() : Map.copyOf(leftOut);
    }

    public DayClose(String reference, String format, byte[] document) {
        this(reference, format, document, Map.of());
    }

    public static DayClose none() {
        return new DayClose(null, null, null);
    }

    public boolean issued() {
        return reference != null;
    }
}
