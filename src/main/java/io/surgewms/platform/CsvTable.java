package io.surgewms.platform;

import io.surgewms.platform.ImportResult.Rejected;
import io.surgewms.platform.Problem.FieldError;

import java.util.List;
import java.util.Map;

/**
 * A CSV import file: a header naming the columns (any order), then data rows. Typed reads put a
 * bad value into the row's field errors under the column's name, so each importer only maps fields.
 */
public final class CsvTable {

    private final Map<String, Integer> columns;
    private final List<CsvReader.Row> rows;

    private CsvTable(Map<String, Integer> columns, List<CsvReader.Row> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads the file; 400 problems for an unreadable file, an empty one, or a header with unknown or missing columns. */
    public static CsvTable parse(String text, List<String> required, List<String> optional) {
        List<CsvReader.Row> records;
        try {
            records = CsvReader.read(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("$", e.getMessage());
        }
        if (records.isEmpty())
            throw ProblemException.invalid("header", "empty file; the first line must be " + String.join(",", required)
                    + (optional.isEmpty() ? "" : "," + String.join(",", optional)));
        return new CsvTable(CsvReader.columns(records.get(0), required, optional), records.subList(1, records.size()));
    }

    /** Data rows; row i (0-based) is reported as row i + 1. */
    public List<CsvReader.Row> rows() { return rows; }

    /** Turns one data row into a value, adding what is wrong with it to {@code errors}. */
    public interface RowMapper<T> {
        T map(CsvReader.Row row, List<FieldError> errors);
    }

    /** A mapped row and its 1-based number. */
    public record Mapped<T>(int row, T value) {}

    /** Maps every row; a ragged row or one with field errors is added to {@code rejected} instead. */
    public <T> List<Mapped<T>> map(RowMapper<T> mapper, List<Rejected> rejected) {
        List<Mapped<T>> out = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Rejected ragged = ragged(i);
            if (ragged != null) {
                rejected.add(ragged);
                continue;
            }
            List<FieldError> errors = new java.util.ArrayList<>();
            T value = mapper.map(rows.get(i), errors);
            if (errors.isEmpty()) out.add(new Mapped<>(i + 1, value));
            else for (FieldError e : errors) rejected.add(new Rejected(i + 1, e.field(), e.reason()));
        }
        return out;
    }

    /** A row whose field count differs from the header's, as a rejection; null when it fits. */
    private Rejected ragged(int index) {
        int n = rows.get(index).fields().size();
        return n == columns.size() ? null
                : new Rejected(index + 1, "$", "has " + n + " fields where the header has " + columns.size());
    }

    /** Trimmed text of a column, null when the column is absent or the cell blank. */
    public String text(CsvReader.Row row, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= row.fields().size()) return null;
        String v = row.fields().get(i).trim();
        return v.isEmpty() ? null : v;
    }

    /** A whole number or blank (null); anything else is a field error named after the column. */
    public Integer whole(CsvReader.Row row, String name, List<FieldError> errors) {
        String v = text(row, name);
        if (v == null) return null;
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "'" + v + "' is not a whole number"));
            return null;
        }
    }

    /** A finite decimal or blank (null); anything else is a field error named after the column. */
    public Double decimal(CsvReader.Row row, String name, List<FieldError> errors) {
        String v = text(row, name);
        if (v == null) return null;
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "'" + v + "' is not a number"));
        return null;
    }
}
