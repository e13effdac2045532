package io.surgewms.barcode;

/** GTIN-8/12/13/14 (EAN/UPC) check digits: mod-10 with weights 3,1 from the right. */
public final class Gtin {
    private Gtin() {}

    /** The GTIN kind ("GTIN8", "GTIN12", "GTIN13", "GTIN14") of a valid code, else null. */
    public static String kindOf(String code) {
        if (code == null || !code.matches("\\d{8}|\\d{12,14}")) return null;
        return isValid(code) ? "GTIN" + code.length() : null;
    }

    /** True when the digits are a GTIN of a legal length whose last digit is the right check digit. */
    public static boolean isValid(String code) {
        if (code == null || !code.matches("\\d{8}|\\d{12,14}")) return false;
        return checkDigit(code.substring(0, code.length() - 1)) == code.charAt(code.length() - 1) - '0';
    }

    /** Check digit for a body of digits (a GTIN or an SSCC without its last digit). */
    public static int checkDigit(String body) {
        int sum = 0;
        for (int i = body.length() - 1, w = 3; i >= 0; i--, w = 4 - w) {
            char c = body.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("not a digit: " + c);
            sum += (c - '0') * w;
        }
        return (10 - sum % 10) % 10;
    }

    /** A valid GTIN made from a body (7, 11, 12 or 13 digits) by appending its check digit. */
    public static String withCheckDigit(String body) {
        return body + checkDigit(body);
    }

    /** True when a scanned code looks like digits of a GTIN length (so a wrong check digit is an error, not a shop code). */
    public static boolean looksLikeGtin(String code) {
        return code != null && code.matches("\\d{8}|\\d{12,14}");
    }
}
