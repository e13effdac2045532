package io.surgewms.board;

import io.surgewms.platform.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The work on the floor: its rates, the open orders grouped for the forecast, and the waves. */
final class WorkQueries {
    private WorkQueries() {}

    static final String OPEN = "('RECEIVED','ALLOCATED','BACKORDERED','RELEASED','PICKING','PICKED')";

    /** Units picked and orders packed in a window ending now. */
    record Done(int unitsPicked, int ordersPacked) {}

    static Done done(Connection c, Instant now, Duration window) throws SQLException {
        Instant from = now.minus(window);
        return Rows.one(c, """
                select (select coalesce(sum(picked), 0) from pick_stop where done_at > ? and done_at <= ?),
                       (select count(distinct order_id) from shipment where packed_at > ? and packed_at <= ?)""",
                rs -> new Done(rs.getInt(1), rs.getInt(2)), from, now, from, now);
    }

    /**
     * Open orders grouped by shop, ship-by minute, carrier and status, with their deadline (the
     * carrier's last pickup before ship-by) and the units still to pick. A PICKING order counts only
     * its reservations not yet picked. Grouping keeps the forecast cheap with 30,000 open orders.
     */
    record Group(long shopId, Instant shipByMinute, String carrier, String status, Instant deadline, int orders, int unitsToPick) {}

    static List<Group> openGroups(Connection c) throws SQLException {
        return Rows.list(c, """
                select g.shop_id, g.sb, g.carrier, g.status, order_deadline(g.sb, g.carrier), g.orders, g.to_pick
                  from (select o.shop_id, date_trunc('minute', o.ship_by) sb, o.carrier, o.status, count(*) orders,
                               sum(case o.status
                                     when 'PICKED' then 0
                                     when 'PICKING' then (select coalesce(sum(a.quantity), 0) from allocation a
                                                           where a.order_id = o.id and a.status = 'ACTIVE')
                                     else o.units end) to_pick
                          from orders o where o.status in """ + OPEN + """
                         group by 1, 2, 3, 4) g""",
                rs -> new Group(rs.getLong(1), Sql.instant(rs, 2), rs.getString(3), rs.getString(4), Sql.instant(rs, 5),
                        rs.getInt(6), rs.getInt(7)));
    }

    /** The first orders of the at-risk groups, by ship-by. */
    static List<BoardView.Order> ordersOf(Connection c, List<Forecast.Outcome> atRisk, int limit) throws SQLException {
        if (atRisk.isEmpty()) return List.of();
        // Only the earliest groups can hold the first `limit` orders: in a spike thousands of groups are at
        // risk, and joining them all back to their orders costs seconds. Whole minutes, so the order is exact.
        List<Forecast.Outcome> byShipBy = new ArrayList<>(atRisk);
        byShipBy.sort(java.util.Comparator.comparing(o -> ((Group) o.work().key()).shipByMinute()));
        List<Forecast.Outcome> first = new ArrayList<>();
        int orders = 0;
        Instant lastMinute = null;
        for (Forecast.Outcome o : byShipBy) {
            Instant minute = ((Group) o.work().key()).shipByMinute();
            if (orders >= limit && !minute.equals(lastMinute)) break;
            first.add(o);
            orders += o.work().orders();
            lastMinute = minute;
        }
        atRisk = first;
        List<Long> shops = new ArrayList<>();
        List<String> minutes = new ArrayList<>(), carriers = new ArrayList<>(), statuses = new ArrayList<>(), etas = new ArrayList<>(), risks = new ArrayList<>();
        for (Forecast.Outcome o : atRisk) {
            Group g = (Group) o.work().key();
            shops.add(g.shopId());
            minutes.add(g.shipByMinute().toString());
            carriers.add(g.carrier());
            statuses.add(g.status());
            etas.add(o.eta() == null ? null : o.eta().toString());
            risks.add(o.risk());
        }
        return Rows.list(c, """
                select o.id, o.external_id, s.code, o.status, o.ship_by, order_deadline(o.ship_by, o.carrier), r.eta, o.units, r.risk
                  from unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                         as r(shop_id, sb, carrier, status, eta, risk)
                  join orders o on o.shop_id = r.shop_id and o.carrier = r.carrier and o.status = r.status
                                and o.ship_by >= r.sb and o.ship_by < r.sb + interval '1 minute'
                  join shop s on s.id = o.shop_id
                 order by o.ship_by, o.id limit ?""",
                rs -> new BoardView.Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, 5),
                        Sql.instant(rs, 6), Sql.instant(rs, 7), rs.getInt(8), rs.getString(9)),
                Sql.longs(c, shops), Sql.texts(c, minutes), Sql.texts(c, carriers), Sql.texts(c, statuses), Sql.texts(c, etas),
                Sql.texts(c, risks), limit);
    }

    /**
     * A wave's progress from its stops: units planned, picked, and still to pick (a short pick that
     * found another bin added a stop, so its units are still to pick; what is neither is shorted).
     */
    record WaveRow(long id, String status, int priority, int orders, int units, int picked, int remaining, int tasks,
                   int open, int active, int done, Instant earliestDeadline, Instant releasedAt, Instant lastProgress) {}

    /** Planned and released waves, and those completed in the last hour; released first, then by deadline. */
    static List<WaveRow> waves(Connection c, Instant now, Long shop) throws SQLException {
        return Rows.list(c, """
                select w.id, w.status, coalesce(max(t.priority), 0), w.orders,
                       w.units, coalesce(sum(s.picked), 0),
                       coalesce(sum(s.quantity - s.picked) filter (where s.phase in ('LOCATION','ITEM','TOTE')), 0),
                       count(distinct t.id),
                       count(distinct t.id) filter (where t.status = 'OPEN'),
                       count(distinct t.id) filter (where t.status in ('CLAIMED','PAUSED')),
                       count(distinct t.id) filter (where t.status in ('DONE','CANCELLED')),
                       w.earliest_deadline, w.released_at, greatest(max(s.done_at), max(t.heartbeat_at), w.released_at)
                  from wave w
                  left join pick_task t on t.wave_id = w.id
                  left join pick_stop s on s.task_id = t.id
                 where (w.status in ('PLANNED','RELEASED') or w.completed_at > ?)
                   and (?::bigint is null or exists (select 1 from orders o where o.wave_id = w.id and o.shop_id = ?))
                 group by w.id
                 order by (w.status = 'COMPLETED'), w.released_at nulls last, w.earliest_deadline, w.id""",
                rs -> new WaveRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                        rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), Sql.instant(rs, 12),
                        Sql.instant(rs, 13), Sql.instant(rs, 14)),
                now.minus(Duration.ofHours(1)), shop, shop);
    }

    static Long shopId(Connection c, String code) throws SQLException {
        return Rows.one(c, "select id from shop where code = ?", rs -> rs.getLong(1), code);
    }

    record Policy(boolean autoRelease, int maxUnits) {}

    static Policy policy(Connection c) throws SQLException {
        return Rows.one(c, "select auto_release, max_units from picking_policy where id = 1", rs -> new Policy(rs.getBoolean(1), rs.getInt(2)));
    }
}
