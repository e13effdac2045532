package io.surgewms.board.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The SQL the hourly and breakdown answers share. Every statement is bounded by the range on an
 * indexed time column (V34__analytics.sql), so its cost follows the activity in the range, not the
 * size of the tables.
 */
final class AnalyticsSql {
    private AnalyticsSql() {}

    /** Hours are UTC whatever the session's time zone, so they match the CSV and the page. */
    static String hour(String column) {
        return "date_trunc('hour', " + column + ", 'UTC')";
    }

    /**
     * Units picked per order, for stops finished (DONE) in the range: a cluster stop picks for the order
     * its tote holds; a bulk stop picks for the orders whose reservations it moved into the tote
     * (allocation.stop_id, now PICKED or SHIPPED). Units picked for an order cancelled meanwhile travel
     * unreserved and belong to no order: they count only in the unfiltered total, which is sum(picked).
     */
    static String picks(List<Object> params, AnalyticsQuery q) {
        range(params, q);
        range(params, q);
        return """
                picks as (
                    select s.done_at, s.order_id, s.picked as units
                      from pick_stop s
                     where s.phase = 'DONE' and s.done_at >= ? and s.done_at < ? and s.order_id is not null
                    union all
                    select s.done_at, a.order_id, a.quantity
                      from pick_stop s join allocation a on a.stop_id = s.id and a.status in ('PICKED', 'SHIPPED')
                     where s.phase = 'DONE' and s.done_at >= ? and s.done_at < ? and s.order_id is null)""";
    }

    /** Orders whose SHIPPED transition (the handover to the carrier) falls in the range, with its time. */
    static String shipped(List<Object> params, AnalyticsQuery q) {
        range(params, q);
        return """
                shipped as (
                    select ev.order_id, min(ev.at) as at from order_event ev
                     where ev.to_status = 'SHIPPED' and ev.from_status is distinct from 'SHIPPED' and ev.at >= ? and ev.at < ?
                     group by ev.order_id)""";
    }

    /** Lead time received → shipped of the joined rows (x.at, o.created_at), p50 and p90 in seconds. */
    static final String LEAD_TIMES = """
            percentile_cont(0.5) within group (order by extract(epoch from x.at - o.created_at)),
            percentile_cont(0.9) within group (order by extract(epoch from x.at - o.created_at))""";

    /** The orders a pick stop (alias s) serves: its tote's order (cluster) or those it picks for in bulk. */
    static final String STOP_ORDERS = "(select s.order_id union select a.order_id from allocation a where a.stop_id = s.id)";

    /** Pick scans are those of a pick task; a short-pick report is recorded in the same table but is no scan. */
    static final String SCAN_COUNTS = """
            count(*) filter (where sc.reason is distinct from 'SHORT_PICK'),
            count(*) filter (where sc.result = 'REJECTED'),
            count(*) filter (where sc.reason = 'SHORT_PICK')""";

    static void range(List<Object> params, AnalyticsQuery q) {
        params.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        params.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    static void each(Connection c, String sql, List<Object> params, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) reader.read(rs);
            }
        }
    }

    /** A percentile in seconds, rounded; null when there was nothing to rank. */
    static Long seconds(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(v);
    }
}
