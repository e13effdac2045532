package io.surgewms.barcode;

/**
 * SSCC-18 (Serial Shipping Container Code, GS1 AI 00): extension digit + GS1 company prefix +
 * serial reference = 17 digits, then the same mod-10 check digit as a GTIN.
 */
public final class Sscc {
    public static final int LENGTH = 18;

    private Sscc() {}

    /**
     * Builds an SSCC. The company prefix (7–10 digits) and the serial reference share 16 digits, so
     * the serial is left-padded with zeros to fill what the prefix leaves; a serial too long is an error
     * rather than silently truncated, because two parcels would then share a code.
     */
    public static String of(int extension, String companyPrefix, long serialReference) {
        if (extension < 0 || extension > 9) throw new IllegalArgumentException("extension digit must be 0..9");
        if (companyPrefix == null || !companyPrefix.matches("\\d{7,10}"))
            throw new IllegalArgumentException("GS1 company prefix must be 7..10 digits");
        if (serialReference < 0) throw new IllegalArgumentException("serial reference must not be negative");
        int serialDigits = 16 - companyPrefix.length();
        String serial = Long.toString(serialReference);
        if (serial.length() > serialDigits)
            throw new IllegalArgumentException("serial reference " + serial + " needs more than " + serialDigits
                    + " digits with a " + companyPrefix.length() + "-digit company prefix");
        String body = extension + companyPrefix + "0".repeat(serialDigits - serial.length()) + serial;
        return body + Gtin.checkDigit(body);
    }

    /** True for 18 digits whose last one is the right check digit. */
    public static boolean isValid(String sscc) {
        if (sscc == null || !sscc.matches("\\d{18}")) return false;
        return Gtin.checkDigit(sscc.substring(0, 17)) == sscc.charAt(17) - '0';
    }

    /** The SSCC itself, or an exception that says what is wrong (for codes that arrive from outside). */
    public static String requireValid(String sscc) {
        if (sscc == null || !sscc.matches("\\d{18}")) throw new IllegalArgumentException("an SSCC is 18 digits: " + sscc);
        if (!isValid(sscc)) throw new IllegalArgumentException("wrong SSCC check digit: " + sscc);
        return sscc;
    }

    /**
     * GS1 human-readable interpretation, grouped so a person can read it off the label:
     * {@code (00) 1 0614141 123456789 7}. The company prefix length is not encoded in the SSCC,
     * so the caller says it; with an unknown length (0) the 16 digits stay in one group.
     */
    public static String humanReadable(String sscc, int companyPrefixLength) {
        requireValid(sscc);
        if (companyPrefixLength == 0)
            return "(00) " + sscc.charAt(0) + " " + sscc.substring(1, 17) + " " + sscc.charAt(17);
        if (companyPrefixLength < 7 || companyPrefixLength > 10)
            throw new IllegalArgumentException("GS1 company prefix is 7..10 digits");
        int end = 1 + companyPrefixLength;
        return "(00) " + sscc.charAt(0) + " " + sscc.substring(1, end) + " " + sscc.substring(end, 17) + " " + sscc.charAt(17);
    }
}
