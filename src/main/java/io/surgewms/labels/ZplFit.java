package io.surgewms.labels;

/**
 * Keeps a ZPL text field inside its {@code ^FB} block. A printer overprints the last line of a block
 * with whatever does not fit, so a long name or street must be made to fit before it is sent: first
 * the font shrinks (to 85 %), then the text is cut and ends in "...".
 * Widths are estimated from DejaVu Sans Bold (the PDF's font) at 0.8 of its width: the printer's font 0,
 * CG Triumvirate Bold Condensed, runs about three quarters as wide, so the estimate errs toward
 * cutting early, never toward overflowing.
 */
final class ZplFit {
    private ZplFit() {}

    static final float MIN_SCALE = 0.85f;
    private static final float CONDENSED = 0.8f;
    private static final int TABLE = 0x500; // Latin, Greek, Cyrillic
    private static final float[] EM = LabelFonts.boldAdvances(TABLE);
    private static final float WIDEST = max(EM);

    /** The text to print and the font scale (1 = as the template says). */
    record Fitted(String text, float scale) {}

    /** @param charWidth the field's ^A0 width in dots; @param block the ^FB width in the same dots */
    static Fitted fit(String text, int charWidth, int block) {
        float w = width(text) * charWidth;
        if (w <= block) return new Fitted(text, 1f);
        float scale = block / w;
        if (scale >= MIN_SCALE) return new Fitted(text, scale);
        // Cut at the smallest size; a cut never ends on a blank
        float room = block / (MIN_SCALE * charWidth) - width("...");
        int end = 0;
        float used = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            float a = advance(cp);
            if (used + a > room) break;
            used += a;
            end += Character.charCount(cp);
        }
        return new Fitted(text.substring(0, end).stripTrailing() + "...", MIN_SCALE);
    }

    /** The estimated width in em (multiply by the font's character width in dots). */
    static float width(String s) {
        float w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += advance(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    private static float advance(int cp) {
        if (cp < TABLE) return EM[cp] * CONDENSED;
        // Ideographs, kana and Hangul are a full em in every font (the printer's Unicode font or the picture's)
        return wide(cp) ? Math.max(1f, WIDEST * CONDENSED) : WIDEST * CONDENSED;
    }

    /** A full-width character: Chinese, Japanese, Korean, and the full-width forms. */
    static boolean wide(int cp) {
        if (cp >= 0x3000 && cp <= 0x303F || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6) return true;
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.HANGUL || s == Character.UnicodeScript.BOPOMOFO;
    }

    /**
     * Whether the printer's built-in font 0 prints every character: Latin up to Latin Extended-A (Polish, Czech,
     * Turkish...) and common punctuation. Greek, Cyrillic and CJK are not there on most Zebras: such a field needs
     * the printer's Unicode font or goes as a picture.
     */
    static boolean printsInFont0(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x180 || c >= 0x2013 && c <= 0x2026 || c == 0x20AC) continue;
            return false;
        }
        return true;
    }

    /** Room for text in a block of {@code lines} lines: word wrap wastes part of every line but the last. */
    static int capacity(int block, int lines) {
        return lines == 1 ? block : Math.round(block * (1 + (lines - 1) * 0.8f));
    }

    private static float max(float[] a) {
        float m = 0;
        for (float f : a) m = Math.max(m, f);
        return m;
    }
}
