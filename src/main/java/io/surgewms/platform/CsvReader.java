package io.surgewms.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 4180 reader: comma separated, fields optionally in double quotes ("" is a quote inside),
 * quoted fields may hold commas and line breaks; CRLF or LF; a leading UTF-8 BOM is skipped.
 * Spreadsheet exports are the input, so blank lines are skipped rather than read as empty rows.
 */
public final class CsvReader {

    /** One record and the physical line it starts on (for messages a person can find). */
    public record Row(int line, List<String> fields) {}

    private CsvReader() {}

    public static List<Row> read(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0, line = 1, rowLine = 1, n = text.length();
        boolean quoted = false, wasQuoted = false;
        while (i < n) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < n && text.charAt(i) == '"') { field.append('"'); i++; }
                    else quoted = false;
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i < n && text.charAt(i) == '\n') i++;
                endRow(rows, fields, field, wasQuoted, rowLine);
                fields = new ArrayList<>();
                wasQuoted = false;
                rowLine = ++line;
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("quoted field opened on line " + rowLine + " is never closed");
        endRow(rows, fields, field, wasQuoted, rowLine);
        return rows;
    }

    /**
     * Column positions of a header row, by lower-case name. Every required column must be there;
     * a column that is neither required nor optional is refused, so a misspelt one is not silently ignored.
     */
    public static Map<String, Integer> columns(Row header, List<String> required, List<String> optional) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).trim().toLowerCase(Locale.ROOT);
            if (!required.contains(name) && !optional.contains(name))
                throw ProblemException.invalid("header", "unknown column '" + name + "'; expected " + String.join(",", all(required, optional)));
            if (at.put(name, i) != null) throw ProblemException.invalid("header", "column '" + name + "' appears twice");
        }
        for (String name : required)
            if (!at.containsKey(name))
                throw ProblemException.invalid("header", "missing column '" + name + "'; expected " + String.join(",", all(required, optional)));
        return at;
    }

    private static List<String> all(List<String> required, List<String> optional) {
        List<String> all = new ArrayList<>(required);
        all.addAll(optional);
        return all;
    }

    private static void endRow(List<Row> rows, List<String> fields, StringBuilder field, boolean wasQuoted, int line) {
        boolean blank = fields.isEmpty() && field.length() == 0 && !wasQuoted;
        fields.add(field.toString());
        field.setLength(0);
        if (!blank) rows.add(new Row(line, List.copyOf(fields)));
    }
}
