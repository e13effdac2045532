package io.surgewms.platform;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;

/**
 * RFC 4180 writer, the counterpart of {@link CsvReader}: CRLF line ends, a field is quoted when it
 * holds a comma, a quote or a line break ("" inside). Text that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) gets a leading apostrophe, because exported values such as content
 * tags come from outside. Numbers are written as they are; null is an empty field.
 */
public final class CsvWriter {

    private final StringBuilder out = new StringBuilder();

    public CsvWriter row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) out.append(',');
            field(fields[i]);
        }
        out.append("\r\n");
        return this;
    }

    private void field(Object v) {
        if (v == null) return;
        if (v instanceof Number || v instanceof Boolean) {
            out.append(v instanceof BigDecimal b ? b.toPlainString() : v.toString());
            return;
        }
        String s = v instanceof TemporalAccessor ? v.toString() : String.valueOf(v);
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)
            out.append('"').append(s.replace("\"", "\"\"")).append('"');
        else out.append(s);
    }

    @Override
    public String toString() { return out.toString(); }
}
