package io.surgewms.labels;

import java.util.Locale;

/**
 * What a ZPL printer can print beyond its built-in font 0 (Latin only on most Zebras): either nothing
 * ({@link #NONE}: fields in other scripts go as a picture drawn here) or a Unicode TrueType font stored on
 * the printer, e.g. Zebra's {@code E:ANMDJ.TTF} (Andale Mono WT J): the label maps it with {@code ^CW} and
 * prints those fields in it. A per-printer setting: the printer device's option {@code unicodeFont}.
 *
 * @param unicodeFont the font file on the printer (drive, name, .TTF or .TTE), or null for none
 */
public record PrinterFonts(String unicodeFont) {

    public static final PrinterFonts NONE = new PrinterFonts(null);
    /** The font letter the Unicode font is mapped to: a digit, so no built-in font (A-H, 0, P-V) is replaced. */
    public static final char MAPPED = '1';

    public PrinterFonts {
        if (unicodeFont != null) {
            String problem = problemWith(unicodeFont);
            if (problem != null) throw new IllegalArgumentException(problem);
            unicodeFont = unicodeFont.strip().toUpperCase(Locale.ROOT);
        }
    }

    /** From a device option: null or blank means the printer has no Unicode font. */
    public static PrinterFonts of(String unicodeFont) {
        return unicodeFont == null || unicodeFont.isBlank() ? NONE : new PrinterFonts(unicodeFont);
    }

    public boolean hasUnicodeFont() {
        return unicodeFont != null;
    }

    /** Why a printer font name is unusable, or null: it goes into a ZPL command, so only a plain file name passes. */
    public static String problemWith(String file) {
        if (file == null || !file.strip().matches("(?i)[A-Z]:[A-Z0-9_-]{1,16}\\.(TTF|TTE)"))
            return "a font file on the printer, drive and name, e.g. E:ANMDJ.TTF";
        return null;
    }

    /** {@code ^CW1,E:ANMDJ.TTF}: the font letter the fields use, mapped to the file. */
    String mapCommand() {
        return "^CW" + MAPPED + "," + unicodeFont;
    }
}
