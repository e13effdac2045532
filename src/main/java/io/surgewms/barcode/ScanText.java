package io.surgewms.barcode;

/** What a scanner sent, made comparable: its suffix, prefix control bytes and line noise dropped. */
public final class ScanText {
    private ScanText() {}

    /** Printable ASCII only, trimmed; null reads as empty. */
    public static String clean(String raw) {
        if (raw == null) return "";
        StringBuilder b = new StringBuilder(raw.length());
        for (char ch : raw.toCharArray()) if (ch >= 0x20 && ch < 0x7f) b.append(ch);
        return b.toString().trim();
    }
}
