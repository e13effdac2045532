package io.surgewms.board.analytics;

import io.surgewms.platform.CsvWriter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The analytics answers as spreadsheet files: one header row, one row per hour or per key, UTC times. */
final class AnalyticsCsv {
    private AnalyticsCsv() {}

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH'Z'").withZone(ZoneOffset.UTC);

    static String hourly(AnalyticsView.Hourly a) {
        CsvWriter w = new CsvWriter().row("hour_utc", "orders_in", "units_ordered", "units_picked", "parcels_shipped",
                "orders_shipped", "pick_scans", "rejected_scans", "short_picks");
        for (AnalyticsView.Hour h : a.hours())
            w.row(h.hour(), h.ordersIn(), h.unitsOrdered(), h.unitsPicked(), h.parcelsShipped(), h.ordersShipped(),
                    h.pickScans(), h.rejectedScans(), h.shortPicks());
        return w.toString();
    }

    static String breakdown(AnalyticsView.Breakdown b) {
        CsvWriter w = new CsvWriter().row(b.by(), "orders_in", "units_ordered", "units_picked", "orders_shipped", "parcels_shipped",
                "lead_time_p50_s", "lead_time_p90_s", "pick_scans", "rejected_scans", "short_picks", "pick_accuracy_pct");
        for (AnalyticsView.Row r : b.rows())
            w.row(r.key(), r.ordersIn(), r.unitsOrdered(), r.unitsPicked(), r.ordersShipped(), r.parcelsShipped(),
                    r.leadTimeP50Seconds(), r.leadTimeP90Seconds(), r.pickScans(), r.rejectedScans(), r.shortPicks(), r.pickAccuracyPercent());
        return w.toString();
    }

    /** e.g. surge-hourly-20261122T00Z-20261123T00Z.csv: what it is and which hours, without characters a file system minds. */
    static String fileName(String what, Instant from, Instant to) {
        return "surge-" + what + "-" + STAMP.format(from) + "-" + STAMP.format(to) + ".csv";
    }
}
