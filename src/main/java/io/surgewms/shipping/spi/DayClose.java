package io.surgewms.shipping.spi;

/** The end-of-day document (manifest, scan form) a provider issued, or none where it has none. */
public record DayClose(String reference, String format, byte[] document) {

    public static DayClose none() {
        return new DayClose(null, null, null);
    }

    public boolean issued() {
        return reference != null;
    }
}
