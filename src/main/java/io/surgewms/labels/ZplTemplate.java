package io.surgewms.labels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ZPL II template with two kinds of placeholder: {@code #{n}} is a length of n dots at 203 dpi,
 * scaled to the printer's resolution, so one file serves 203 and 300 dpi printers; {@code ${name}}
 * is label data, escaped for a field that starts with {@code ^FH}. {@code ^FX} comment lines are
 * not sent to the printer.
 */
public final class ZplTemplate {
    static final int BASE_DPI = 203;
    private static final Pattern PLACEHOLDER = Pattern.compile("#\\{(\\d+)}|\\$\\{([A-Za-z0-9]+)}");
    /** A text block with a scalable font and one value: kept inside its block by {@link ZplFit}. */
    private static final Pattern FIT = Pattern.compile(
            "\\^A0([NRIB]),(#\\{(\\d+)}),(#\\{(\\d+)})\\^FB#\\{(\\d+)},([1-9])(?:,-?\\d+(?:,([LCRJ]))?)?[^$]*\\$\\{([A-Za-z0-9]+)}");
    /** A field that starts where the line says: a block that can be drawn as a picture at the same place. */
    private static final Pattern ORIGIN = Pattern.compile("^\\^FO#\\{(\\d+)},#\\{(\\d+)}\\^A0N,");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String name;
    /** Lines already split into parts (parsed once: a label is rendered far more often than a template is read). */
    private final List<Line> lines = new ArrayList<>();

    /** A piece of a line: literal text, a length in 203-dpi dots (font: a size {@link ZplFit} may shrink), or a named value. */
    private record Part(String literal, int dots, String key, boolean font) {}

    /**
     * A line's parts; for a text block also the value to fit (else null), its font width, room (in dots of one line)
     * and geometry (203-dpi dots; x -1 when it cannot go as a picture), and the parts with the Unicode font letter.
     */
    private record Line(Part[] parts, String fitKey, int charWidth, int block, Block geometry, Part[] unicodeParts,
                        boolean mapFontAfter) {
        Line withMapFontAfter() {
            return new Line(parts, fitKey, charWidth, block, geometry, unicodeParts, true);
        }
    }

    /** Where a text block is and how big, in 203-dpi dots: {@code ^FOx,y^A0N,h,w^FBwidth,lines,0,align}. */
    record Block(int x, int y, int height, int charWidth, int width, int lines, char align) {}

    public ZplTemplate(String name, String text) {
        this.name = name;
        for (String line : text.replace("\r\n", "\n").split("\n")) {
            if (line.isBlank() || line.startsWith("^FX")) continue;
            lines.add(parse(line));
        }
        // A printer's Unicode font is mapped once per label: after ^CI28 (UTF-8), else right after ^XA
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) if (literal(lines.get(i)).contains("^CI28")) at = i;
        for (int i = 0; i < lines.size() && at < 0; i++) if (literal(lines.get(i)).contains("^XA")) at = i;
        if (at >= 0) lines.set(at, lines.get(at).withMapFontAfter());
    }

    private static String literal(Line l) {
        StringBuilder sb = new StringBuilder();
        for (Part p : l.parts) if (p.literal != null) sb.append(p.literal);
        return sb.toString();
    }

    /** The block of the text field that shows this value alone (null when there is none): for wrapping before filling. */
    Block block(String key) {
        for (Line l : lines) if (key.equals(l.fitKey)) return l.geometry;
        return null;
    }

    /**
     * Fills the template. A placeholder the map does not know is an error (a typo in an edited
     * template should not print a blank field); a known one with a null value removes its line.
     */
    public String render(Map<String, String> values, int dpi) {
        return render(values, dpi, PrinterFonts.NONE);
    }

    /**
     * Fills the template for a printer with these fonts. A text block whose value font 0 cannot print goes in the
     * printer's Unicode font when it has one, else as a picture of the text at the block's place.
     */
    public String render(Map<String, String> values, int dpi, PrinterFonts fonts) {
        if (dpi != 203 && dpi != 300 && dpi != 600) throw new IllegalArgumentException("unsupported printer resolution: " + dpi);
        StringBuilder out = new StringBuilder(2048);
        for (Line line : lines) {
            int mark = out.length();
            boolean dropped = false;
            ZplFit.Fitted fitted = null;
            Part[] parts = line.parts;
            String value = line.fitKey == null ? null : values.get(line.fitKey);
            if (value != null && !ZplFit.printsInFont0(value)) {
                if (fonts.hasUnicodeFont()) parts = line.unicodeParts;
                else if (line.geometry.x >= 0) {
                    picture(value, line.geometry, dpi, out);
                    continue;
                }
            }
            if (value != null) fitted = ZplFit.fit(value, line.charWidth, line.block);
            for (Part p : parts) {
                if (p.literal != null) out.append(p.literal);
                else if (p.key == null) out.append(dots(p.font && fitted != null ? Math.round(p.dots * fitted.scale()) : p.dots, dpi));
                else {
                    if (!values.containsKey(p.key)) throw new IllegalArgumentException(name + ": unknown placeholder ${" + p.key + "}");
                    String v = values.get(p.key);
                    if (v == null) { out.setLength(mark); dropped = true; break; }
                    escape(fitted != null && p.key.equals(line.fitKey) ? fitted.text() : v, out);
                }
            }
            if (!dropped) out.append('\n');
            if (line.mapFontAfter && fonts.hasUnicodeFont()) out.append(fonts.mapCommand()).append('\n');
        }
        return out.toString();
    }

    /** The value drawn as a ^GFA graphic where the block is, the block's size at this resolution. */
    private static void picture(String value, Block b, int dpi, StringBuilder out) {
        out.append(ZplGraphic.placed(TextGraphic.draw(value, dots(b.height, dpi), dots(b.charWidth, dpi), dots(b.width, dpi),
                b.lines, b.align), dots(b.x, dpi), dots(b.y, dpi))).append('\n');
    }

    /** A value's own text is never parsed: only the template line is, so a value cannot smuggle in a #{n}. */
    private static Line parse(String line) {
        Matcher fit = FIT.matcher(line);
        boolean fits = fit.find();
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(line);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) parts.add(new Part(line.substring(at, m.start()), 0, null, false));
            boolean font = fits && (m.start() == fit.start(2) || m.start() == fit.start(4));
            parts.add(m.group(1) != null ? new Part(null, Integer.parseInt(m.group(1)), null, font) : new Part(null, 0, m.group(2), false));
            at = m.end();
        }
        if (at < line.length()) parts.add(new Part(line.substring(at), 0, null, false));
        Part[] array = parts.toArray(Part[]::new);
        if (!fits) return new Line(array, null, 0, 0, null, null, false);
        int h = Integer.parseInt(fit.group(3)), w = Integer.parseInt(fit.group(5)), width = Integer.parseInt(fit.group(6));
        int rows = Integer.parseInt(fit.group(7));
        Matcher origin = ORIGIN.matcher(line);
        // A picture replaces the whole field: only for ^FOx,y^A0N,... whose data is the value alone
        boolean placed = origin.find() && origin.end() == fit.start() + 5 && line.endsWith("^FD${" + fit.group(9) + "}^FS");
        Block geometry = new Block(placed ? Integer.parseInt(origin.group(1)) : -1, placed ? Integer.parseInt(origin.group(2)) : -1,
                h, w, width, rows, fit.group(8) == null ? 'L' : fit.group(8).charAt(0));
        // The same line with the printer's Unicode font: ^A0 becomes the mapped letter, the rest stays
        Part[] unicode = array.clone();
        for (int i = 0; i < unicode.length; i++) {
            String lit = unicode[i].literal;
            if (lit != null && lit.contains("^A0")) {
                unicode[i] = new Part(lit.replaceFirst("\\^A0", "^A" + PrinterFonts.MAPPED), 0, null, false);
                break;
            }
        }
        return new Line(array, fit.group(9), w, ZplFit.capacity(width, rows), geometry, unicode, false);
    }

    /** Dots for a length of n dots at 203 dpi, the way the template scales them (for tests and callers). */
    public static int dots(int dotsAt203, int dpi) {
        // A non-zero length never rounds to 0: a 1-dot line must not vanish; 0 stays 0 (an origin)
        return dotsAt203 == 0 ? 0 : (int) Math.max(1, Math.round(dotsAt203 * (double) dpi / BASE_DPI));
    }

    /**
     * Escapes text for a {@code ^FH} field under {@code ^CI28}: {@code ^} and {@code ~} would start a
     * command, {@code _} is the escape itself, and anything outside printable ASCII goes as its UTF-8
     * bytes, so the template file's own encoding or the transport cannot mangle it.
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escape(text, sb);
        return sb.toString();
    }

    private static void escape(String text, StringBuilder sb) {
        if (plain(text)) {
            sb.append(text);
            return;
        }
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == '^' || c == '~' || c == '_' || c < 0x20 || c > 0x7E) sb.append('_').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            else sb.append((char) c);
        }
    }

    /** Printable ASCII without ^ ~ _ goes as it is (most fields): no UTF-8 encoding needed. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '^' || c == '~' || c == '_' || c < 0x20 || c > 0x7E) return false;
        }
        return true;
    }
}
