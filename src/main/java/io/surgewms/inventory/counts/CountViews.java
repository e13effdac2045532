package io.surgewms.inventory.counts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** What the API shows of a count task: blind for the counter, everything for the supervisor. */
public final class CountViews {
    private CountViews() {}

    /** Units of one SKU the counter has scanned so far: their own tally, never the system's figure. */
    public record Tally(String sku, String name, int counted) {}

    /**
     * The counter's view: where to go, what to count and what to scan next. Blind: it carries no expected
     * quantity and no variance, by construction (this record has no such field).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CounterView(long id, String status, String location, String zone, String sku, String name,
                              String counter, String expect, String instruction, List<Tally> scanned) {}

    /** One SKU of a finished count, as the supervisor sees it. */
    public record Line(String shop, String sku, String name, int counted, Integer expected, Integer variance,
                       Boolean withinTolerance, boolean applied) {}

    /** The supervisor's view of a count task. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Review(long id, String status, String source, String abcClass, int priority, String location, String zone,
                         String sku, String reason, String counter, String createdBy, Instant createdAt, Instant claimedAt,
                         Instant countedAt, Instant resolvedAt, String approvedBy, Long recountOf, List<String> notCounters,
                         List<Line> lines) {}

    /** A scan's answer: ACCEPTED or REJECTED with a reason code, a message, what to scan next, and the (blind) task. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScanAnswer(String result, String reason, String message, String expect, CounterView count) {
        boolean accepted() { return result.equals("ACCEPTED"); }
    }
}
