package io.surgewms.labels;

import java.nio.charset.StandardCharsets;
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
    private static final Pattern DOTS = Pattern.compile("#\\{(\\d+)}");
    private static final Pattern VALUE = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private final String name;
    private final String[] lines;

    public ZplTemplate(String name, String text) {
        this.name = name;
        this.lines = text.replace("\r\n", "\n").split("\n");
    }

    /**
     * Fills the template. A placeholder the map does not know is an error (a typo in an edited
     * template should not print a blank field); a known one with a null value removes its line.
     */
    public String render(Map<String, String> values, int dpi) {
        if (dpi != 203 && dpi != 300 && dpi != 600) throw new IllegalArgumentException("unsupported printer resolution: " + dpi);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("^FX")) continue;
            String filled = fill(line, values);
            if (filled == null) continue;
            out.append(scale(filled, dpi)).append('\n');
        }
        return out.toString();
    }

    private String fill(String line, Map<String, String> values) {
        Matcher m = VALUE.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            if (!values.containsKey(key)) throw new IllegalArgumentException(name + ": unknown placeholder ${" + key + "}");
            String v = values.get(key);
            if (v == null) return null;
            m.appendReplacement(sb, Matcher.quoteReplacement(escape(v)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String scale(String line, int dpi) {
        Matcher m = DOTS.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Integer.toString(dots(Integer.parseInt(m.group(1)), dpi)));
        }
        m.appendTail(sb);
        return sb.toString();
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
        StringBuilder sb = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == '^' || c == '~' || c == '_' || c < 0x20 || c > 0x7E) sb.append('_').append(String.format("%02X", c));
            else sb.append((char) c);
        }
        return sb.toString();
    }
}
