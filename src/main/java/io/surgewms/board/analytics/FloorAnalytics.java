package io.surgewms.board.analytics;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.surgewms.board.analytics.AnalyticsSql.LEAD_TIMES;
import static io.surgewms.board.analytics.AnalyticsSql.SCAN_COUNTS;
import static io.surgewms.board.analytics.AnalyticsSql.STOP_ORDERS;
import static io.surgewms.board.analytics.AnalyticsSql.each;
import static io.surgewms.board.analytics.AnalyticsSql.hour;
import static io.surgewms.platform.Sql.instant;
import static io.surgewms.board.analytics.AnalyticsSql.seconds;

/**
 * The floor's hours and its breakdown by shop, channel or content tag, read straight from the rows
 * the floor writes (orders, pick stops, scans, order events, shipments). One statement per measure,
 * each on its own time index; the hours are filled in Java so every hour of the range is present.
 *
 * <p>How scans meet the order filters: a pick scan belongs to the stop it was made at, and a stop to
 * the orders it serves — the order of its tote (cluster picking) or every order whose units it picks
 * in bulk. A bulk scan serving orders of two content tags therefore counts under both tags in the
 * breakdown; a scan made with no stop (a finished task) counts only without filters.
 */
@ApplicationScoped
public class FloorAnalytics {

    @Inject AgroalDataSource db;

    Clock clock = Clock.systemUTC();

    public static final List<String> BY = List.of("shop", "channel", "tag");

    private static final int ORDERS = 0, UNITS_ORDERED = 1, PICKED = 2, PARCELS = 3, SHIPPED = 4, SCANS = 5, REJECTED = 6, SHORTS = 7;

    public AnalyticsView.Hourly hourly(String from, String to, String shop, String channel, String tag) {
        try (Connection c = db.getConnection()) {
            AnalyticsQuery q = AnalyticsQuery.parse(c, from, to, shop, channel, tag, clock.instant());
            long[][] h = new long[q.hours()][8];
            hours(c, q, h);
            long[] total = new long[8];
            List<AnalyticsView.Hour> hours = new ArrayList<>(h.length);
            for (int i = 0; i < h.length; i++) {
                long[] r = h[i];
                for (int k = 0; k < 8; k++) total[k] += r[k];
                hours.add(new AnalyticsView.Hour(q.from().plus(Duration.ofHours(i)), r[ORDERS], r[UNITS_ORDERED], r[PICKED],
                        r[PARCELS], r[SHIPPED], r[SCANS], r[REJECTED], r[SHORTS]));
            }
            Long[] lead = new Long[2];
            List<Object> p = new ArrayList<>();
            String sql = "with " + AnalyticsSql.shipped(p, q) + " select " + LEAD_TIMES
                    + " from shipped x join orders o on o.id = x.order_id where true" + q.orderConditions("o", p);
            each(c, sql, p, rs -> { lead[0] = seconds(rs, 1); lead[1] = seconds(rs, 2); });
            var summary = new AnalyticsView.Summary(total[ORDERS], total[UNITS_ORDERED], total[PICKED], total[PARCELS], total[SHIPPED],
                    total[SCANS], total[REJECTED], total[SHORTS], AnalyticsView.accuracy(total[SCANS], total[REJECTED]),
                    lead[0], lead[1], rejectReasons(c, q));
            return new AnalyticsView.Hourly(q.from(), q.to(), q.filter(), summary, hours);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void hours(Connection c, AnalyticsQuery q, long[][] h) throws SQLException {
        List<Object> p = new ArrayList<>();
        AnalyticsSql.range(p, q);
        each(c, "select " + hour("o.created_at") + ", count(*), coalesce(sum(o.units), 0) from orders o"
                + " where o.created_at >= ? and o.created_at < ?" + q.orderConditions("o", p) + " group by 1", p, rs -> {
            long[] r = h[index(q, instant(rs, 1))];
            r[ORDERS] = rs.getLong(2);
            r[UNITS_ORDERED] = rs.getLong(3);
        });

        p = new ArrayList<>();
        String picks;
        if (q.filtersOrders()) {
            picks = "with " + AnalyticsSql.picks(p, q) + " select " + hour("k.done_at") + ", sum(k.units)"
                    + " from picks k join orders o on o.id = k.order_id where true" + q.orderConditions("o", p) + " group by 1";
        } else { // exact: what the pickers put in the totes, whatever became of the orders since
            AnalyticsSql.range(p, q);
            picks = "select " + hour("s.done_at") + ", sum(s.picked) from pick_stop s"
                    + " where s.phase = 'DONE' and s.done_at >= ? and s.done_at < ? group by 1";
        }
        each(c, picks, p, rs -> h[index(q, instant(rs, 1))][PICKED] = rs.getLong(2));

        p = new ArrayList<>();
        AnalyticsSql.range(p, q);
        each(c, "select " + hour("sh.shipped_at") + ", count(*) from shipment sh join orders o on o.id = sh.order_id"
                + " where sh.status = 'SHIPPED' and sh.shipped_at >= ? and sh.shipped_at < ?" + q.orderConditions("o", p) + " group by 1",
                p, rs -> h[index(q, instant(rs, 1))][PARCELS] = rs.getLong(2));

        p = new ArrayList<>();
        String shipped = "with " + AnalyticsSql.shipped(p, q) + " select " + hour("x.at") + ", count(*)"
                + " from shipped x join orders o on o.id = x.order_id where true" + q.orderConditions("o", p) + " group by 1";
        each(c, shipped, p, rs -> h[index(q, instant(rs, 1))][SHIPPED] = rs.getLong(2));

        p = new ArrayList<>();
        AnalyticsSql.range(p, q);
        String where = scanWhere(q, p);
        each(c, "select " + hour("sc.at") + ", " + SCAN_COUNTS + " from scan sc" + where + " group by 1", p, rs -> {
            long[] r = h[index(q, instant(rs, 1))];
            r[SCANS] = rs.getLong(2);
            r[REJECTED] = rs.getLong(3);
            r[SHORTS] = rs.getLong(4);
        });
    }

    private List<AnalyticsView.Reason> rejectReasons(Connection c, AnalyticsQuery q) throws SQLException {
        List<Object> p = new ArrayList<>();
        AnalyticsSql.range(p, q);
        List<AnalyticsView.Reason> out = new ArrayList<>();
        each(c, "select coalesce(sc.reason, '?'), count(*) from scan sc" + scanWhere(q, p)
                + " and sc.result = 'REJECTED' group by 1 order by 2 desc, 1", p, rs -> out.add(new AnalyticsView.Reason(rs.getString(1), rs.getLong(2))));
        return out;
    }

    /** Pick scans in the range (params: from, to already added), narrowed to the stops serving a filtered order. */
    private static String scanWhere(AnalyticsQuery q, List<Object> p) {
        String where = " where sc.at >= ? and sc.at < ? and sc.task_id is not null";
        if (!q.filtersOrders()) return where;
        return where + " and exists (select 1 from pick_stop s where s.id = sc.stop_id and exists (select 1 from orders o where o.id in "
                + STOP_ORDERS + q.orderConditions("o", p) + "))";
    }

    private static int index(AnalyticsQuery q, Instant hour) {
        return (int) Duration.between(q.from(), hour).toHours();
    }

    /** One row per shop, channel or content tag ("(none)" for orders without one), busiest first. */
    public AnalyticsView.Breakdown breakdown(String by, String from, String to, String shop, String channel, String tag) {
        String b = by == null || by.isBlank() ? "shop" : by.trim();
        if (!BY.contains(b)) throw ProblemException.invalid("by", "must be one of " + String.join(", ", BY));
        String key = switch (b) {
            case "shop" -> "sp.code";
            case "channel" -> "o.channel";
            default -> "coalesce(o.content_tag, '" + AnalyticsQuery.NO_TAG + "')";
        };
        String orders = " orders o join shop sp on sp.id = o.shop_id";
        try (Connection c = db.getConnection()) {
            AnalyticsQuery q = AnalyticsQuery.parse(c, from, to, shop, channel, tag, clock.instant());
            Map<String, long[]> rows = new LinkedHashMap<>();
            Map<String, Long[]> leads = new LinkedHashMap<>();
            java.util.function.Function<String, long[]> row = k -> rows.computeIfAbsent(k, x -> new long[8]);

            List<Object> p = new ArrayList<>();
            AnalyticsSql.range(p, q);
            each(c, "select " + key + ", count(*), coalesce(sum(o.units), 0) from" + orders
                    + " where o.created_at >= ? and o.created_at < ?" + q.orderConditions("o", p) + " group by 1", p, rs -> {
                long[] r = row.apply(rs.getString(1));
                r[ORDERS] = rs.getLong(2);
                r[UNITS_ORDERED] = rs.getLong(3);
            });

            p = new ArrayList<>();
            String picks = "with " + AnalyticsSql.picks(p, q) + " select " + key + ", sum(k.units)"
                    + " from picks k join orders o on o.id = k.order_id join shop sp on sp.id = o.shop_id where true"
                    + q.orderConditions("o", p) + " group by 1";
            each(c, picks, p, rs -> row.apply(rs.getString(1))[PICKED] = rs.getLong(2));

            p = new ArrayList<>();
            AnalyticsSql.range(p, q);
            each(c, "select " + key + ", count(*) from shipment sh join orders o on o.id = sh.order_id join shop sp on sp.id = o.shop_id"
                    + " where sh.status = 'SHIPPED' and sh.shipped_at >= ? and sh.shipped_at < ?" + q.orderConditions("o", p) + " group by 1",
                    p, rs -> row.apply(rs.getString(1))[PARCELS] = rs.getLong(2));

            p = new ArrayList<>();
            String shipped = "with " + AnalyticsSql.shipped(p, q) + " select " + key + ", count(*), " + LEAD_TIMES
                    + " from shipped x join orders o on o.id = x.order_id join shop sp on sp.id = o.shop_id where true"
                    + q.orderConditions("o", p) + " group by 1";
            each(c, shipped, p, rs -> {
                row.apply(rs.getString(1))[SHIPPED] = rs.getLong(2);
                leads.put(rs.getString(1), new Long[] {seconds(rs, 3), seconds(rs, 4)});
            });

            // A scan counts once under each key its stop's orders have (see the class comment).
            p = new ArrayList<>();
            String lateral = " cross join lateral (select distinct " + key + " as k from" + orders + " where o.id in " + STOP_ORDERS
                    + q.orderConditions("o", p) + ") g";
            AnalyticsSql.range(p, q);
            each(c, "select g.k, " + SCAN_COUNTS + " from scan sc join pick_stop s on s.id = sc.stop_id" + lateral
                    + " where sc.at >= ? and sc.at < ? and sc.task_id is not null group by 1", p, rs -> {
                long[] r = row.apply(rs.getString(1));
                r[SCANS] = rs.getLong(2);
                r[REJECTED] = rs.getLong(3);
                r[SHORTS] = rs.getLong(4);
            });

            List<AnalyticsView.Row> out = new ArrayList<>();
            rows.forEach((k, r) -> {
                Long[] lead = leads.getOrDefault(k, new Long[2]);
                out.add(new AnalyticsView.Row(k, r[ORDERS], r[UNITS_ORDERED], r[PICKED], r[SHIPPED], r[PARCELS], lead[0], lead[1],
                        r[SCANS], r[REJECTED], r[SHORTS], AnalyticsView.accuracy(r[SCANS], r[REJECTED])));
            });
            out.sort(Comparator.comparingLong(AnalyticsView.Row::ordersIn).reversed()
                    .thenComparing(Comparator.comparingLong(AnalyticsView.Row::unitsPicked).reversed())
                    .thenComparing(AnalyticsView.Row::key));
            return new AnalyticsView.Breakdown(b, q.from(), q.to(), q.filter(), out);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
