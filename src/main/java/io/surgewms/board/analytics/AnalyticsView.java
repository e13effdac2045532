package io.surgewms.board.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** The answers of the analytics API. Hours are UTC; a range is [from, to) in whole hours. */
public final class AnalyticsView {
    private AnalyticsView() {}

    /** The filters applied; null = all. A tag of "(none)" means orders without a content tag. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(String shop, String channel, String tag) {}

    /**
     * One UTC hour. pickScans are the scans of pick tasks (short-pick reports not counted as scans);
     * ordersShipped and parcelsShipped count the handover to the carrier.
     */
    public record Hour(Instant hour, long ordersIn, long unitsOrdered, long unitsPicked, long parcelsShipped,
                       long ordersShipped, long pickScans, long rejectedScans, long shortPicks) {}

    /** How often pickers met one rejection reason in the range. */
    public record Reason(String reason, long scans) {}

    /**
     * Totals over the range. pickAccuracyPercent = accepted pick scans / pick scans × 100 (null without scans);
     * lead time is from the order's arrival to its SHIPPED handover, over the orders shipped in the range.
     */
    public record Summary(long ordersIn, long unitsOrdered, long unitsPicked, long parcelsShipped, long ordersShipped,
                          long pickScans, long rejectedScans, long shortPicks, Double pickAccuracyPercent,
                          Long leadTimeP50Seconds, Long leadTimeP90Seconds, List<Reason> rejectReasons) {}

    public record Hourly(Instant from, Instant to, Filter filter, Summary summary, List<Hour> hours) {}

    /** One shop, channel or content tag over the range. */
    public record Row(String key, long ordersIn, long unitsOrdered, long unitsPicked, long ordersShipped, long parcelsShipped,
                      Long leadTimeP50Seconds, Long leadTimeP90Seconds, long pickScans, long rejectedScans, long shortPicks,
                      Double pickAccuracyPercent) {}

    public record Breakdown(String by, Instant from, Instant to, Filter filter, List<Row> rows) {}

    static Double accuracy(long scans, long rejected) {
        return scans == 0 ? null : Math.round((scans - rejected) * 10000.0 / scans) / 100.0;
    }
}
