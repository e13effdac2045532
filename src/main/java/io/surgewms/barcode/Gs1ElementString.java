package io.surgewms.barcode;

/**
 * The few GS1 element strings a shipping label needs, as data for a GS1-128 symbol. FNC1 is the
 * caller's business (ZXing wants U+00F1, ZPL wants {@code >8}), so this class takes it as a parameter.
 */
public final class Gs1ElementString {
    private Gs1ElementString() {}

    /** AI 00 + SSCC. Fixed length, so it never needs a separator after it. */
    public static String sscc(String sscc) {
        return "00" + Sscc.requireValid(sscc);
    }

    /**
     * AI 420 + ship-to postal code (up to 20 characters of GS1's set 82; we accept only capital
     * letters and digits, which covers real postal codes once spaces and dashes are dropped).
     */
    public static String shipToPostalCode(String postalCode) {
        String code = postalCode == null ? "" : postalCode.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        if (!code.matches("[A-Z0-9]{1,20}")) throw new IllegalArgumentException("postal code not usable for AI 420: " + postalCode);
        return "420" + code;
    }

    /** Human-readable form of an AI 420 element string: {@code (420) 10115}. */
    public static String humanReadablePostalCode(String element) {
        if (element == null || !element.startsWith("420")) throw new IllegalArgumentException("not an AI 420 element string");
        return "(420) " + element.substring(3);
    }

    /**
     * Joins element strings for one symbol: variable-length ones (like 420) need FNC1 after them
     * unless they come last; AI 00 is fixed length and never does.
     */
    public static String join(String fnc1, String... elements) {
        StringBuilder sb = new StringBuilder(fnc1);
        for (int i = 0; i < elements.length; i++) {
            sb.append(elements[i]);
            boolean fixedLength = elements[i].startsWith("00");
            if (!fixedLength && i < elements.length - 1) sb.append(fnc1);
        }
        return sb.toString();
    }
}
