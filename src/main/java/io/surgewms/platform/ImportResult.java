package io.surgewms.platform;

import java.util.List;

/**
 * Answer of a bulk import: rows created, rows updated, and each rejected row (1-based data row,
 * not counting the CSV header) with the field and reason. A rejected row writes nothing.
 */
public record ImportResult(int imported, int updated, List<Rejected> rejected) {

    public record Rejected(int row, String field, String reason) {}
}
