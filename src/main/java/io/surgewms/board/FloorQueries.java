package io.surgewms.board;

import io.surgewms.platform.Sql;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The people, stations, exceptions and devices on the board. Windows end at the board's {@code now}. */
final class FloorQueries {
    private FloorQueries() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    static final Duration WINDOW = Duration.ofMinutes(15);

    /**
     * Everyone holding a task, or who scanned for a task in the last two hours. Units count when their
     * stop is finished (the ledger moves then); idle is the time since the picker's last scan.
     */
    static List<BoardView.Picker> pickers(Connection c, Instant now, Duration idleAfter) throws SQLException {
        Instant from = now.minus(WINDOW);
        return Rows.list(c, """
                with names as (select picker from pick_task where status in ('CLAIMED','PAUSED') and picker is not null
                               union select actor from scan where at > ? and task_id is not null)
                select n.picker, t.id, t.wave_id, t.status,
                       (select coalesce(sum(s.picked), 0) from pick_stop s join pick_task k on k.id = s.task_id
                         where k.picker = n.picker and s.done_at > ? and s.done_at <= ?),
                       (select count(*) from scan x where x.actor = n.picker and x.result = 'REJECTED' and x.at > ? and x.at <= ?),
                       greatest((select max(x.at) from scan x where x.actor = n.picker and x.at > ?), t.claimed_at)
                  from names n
                  left join lateral (select id, wave_id, status, claimed_at from pick_task
                                      where picker = n.picker and status in ('CLAIMED','PAUSED')
                                      order by claimed_at desc nulls last limit 1) t on true
                 order by n.picker""",
                rs -> {
                    int units = rs.getInt(5);
                    Instant last = Sql.instant(rs, 7);
                    long idle = last == null ? 0 : Math.max(0, Duration.between(last, now).toSeconds());
                    return new BoardView.Picker(rs.getString(1), Rows.longOrNull(rs, 2), Rows.longOrNull(rs, 3), rs.getString(4),
                            units, perHour(units), rs.getInt(6), last, idle, idle >= idleAfter.toSeconds());
                },
                now.minus(Duration.ofHours(2)), from, now, from, now, now.minus(Duration.ofHours(2)));
    }

    static List<BoardView.Station> stations(Connection c, Instant now) throws SQLException {
        return Rows.list(c, """
                select p.code, p.kind, ss.packer, ss.order_id, o.external_id,
                       (select count(*) from shipment h where h.station = p.code and h.packed_at > ? and h.packed_at <= ?),
                       (select count(*) from shipment h where h.station = p.code and h.packed_at > ? and h.packed_at <= ?),
                       last.packed_at, last.id, last.tracking_number
                  from pack_station p
                  left join pack_session ss on ss.station = p.code and ss.status = 'OPEN'
                  left join orders o on o.id = ss.order_id
                  left join lateral (select h.id, h.packed_at, h.tracking_number from shipment h where h.station = p.code
                                      order by h.packed_at desc, h.id desc limit 1) last on true
                 where p.active order by p.code""",
                rs -> new BoardView.Station(rs.getString(1), rs.getString(2), rs.getString(3), Rows.longOrNull(rs, 4), rs.getString(5),
                        rs.getInt(6), perHour(rs.getInt(6)), rs.getInt(7), Sql.instant(rs, 8), Rows.longOrNull(rs, 9), rs.getString(10)),
                now.minus(WINDOW), now, now.minus(Duration.ofHours(1)), now);
    }

    static BoardView.Exceptions exceptions(Connection c, Instant now, Long shop, int maxWaveUnits) throws SQLException {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        // The board lists the first 10 of each and counts them all: the window count saves reading every row in a spike.
        int[] totals = new int[2];
        List<BoardView.ShortPick> shorts = Rows.list(c, """
                select x.at, x.actor, x.task_id, x.location, s.sku, x.message, count(*) over ()
                  from scan x left join pick_stop s on s.id = x.stop_id
                 where x.reason = 'SHORT_PICK' and x.at > ? and x.at <= ?
                   and (?::bigint is null or exists (select 1 from product p where p.id = s.product_id and p.shop_id = ?))
                 order by x.at desc, x.id desc limit 10""",
                rs -> {
                    totals[0] = rs.getInt(7);
                    return new BoardView.ShortPick(Sql.instant(rs, 1), rs.getString(2), Rows.longOrNull(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getString(6));
                },
                hourAgo, now, shop, shop);
        List<BoardView.OrderException> orders = Rows.list(c, """
                select o.id, o.external_id, o.exception, count(*) over () from orders o
                 where o.exception is not null and o.status not in ('SHIPPED','CANCELLED') and (?::bigint is null or o.shop_id = ?)
                 order by o.id limit 10""",
                rs -> {
                    totals[1] = rs.getInt(4);
                    return new BoardView.OrderException(rs.getLong(1), rs.getString(2), rs.getString(3));
                }, shop, shop);
        int[] counts = Rows.one(c, """
                select (select count(*) from scan where result = 'REJECTED' and at > ? and at <= ?),
                       (select count(*) from orders o where o.status = 'ALLOCATED' and o.wave_id is null and o.units > ?
                           and (?::bigint is null or o.shop_id = ?)),
                       (select count(*) from print_job where status = 'HELD' or (status = 'QUEUED' and attempts > 0)),
                       -- packed parcels still waiting for their carrier label, and labels a person must look at
                       (select count(*) from parcel_label where (shipment_id is not null and status in ('PLANNED','BUYING','FAILED','ADDRESS_HOLD'))
                                                             or status in ('FAILED','ADDRESS_HOLD')),
                       -- sold on a channel but not released by it yet: reserved, not waved
                       (select count(*) from orders o where o.status = 'HELD' and (?::bigint is null or o.shop_id = ?)),
                       -- orders the reconciliation took in the last hour because their webhook never came
                       (select coalesce(sum(r.recovered), 0) from channel_reconciliation_run r join channel_account a on a.id = r.account_id
                         where r.started_at > ? and (?::bigint is null or a.shop_id = ?))""",
                rs -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6)},
                now.minus(WINDOW), now, maxWaveUnits, shop, shop, shop, shop, hourAgo, shop, shop);
        return new BoardView.Exceptions(totals[0], shorts, counts[0], totals[1], orders, counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    /** A parcel by shipment id (digits), tracking number or SSCC (with or without its "00" AI); the newest when several match. */
    static BoardView.Parcel parcel(Connection c, String ref) throws SQLException {
        String r = ref.trim();
        Long id = r.matches("\\d{1,12}") ? Long.valueOf(r) : null;
        return Rows.one(c, """
                select h.id, h.order_id, o.external_id, s.code, h.station, h.tracking_number, h.sscc, h.status, h.packed_at
                  from shipment h join orders o on o.id = h.order_id join shop s on s.id = o.shop_id
                 where h.id = ? or upper(h.tracking_number) = upper(?) or h.sscc = ? or '00' || h.sscc = ?
                 order by (h.id is not distinct from ?::bigint), h.id desc limit 1""",
                rs -> new BoardView.Parcel(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), Sql.instant(rs, 9)),
                id, r, r, r, id); // a tracking number or SSCC wins over a shipment id of the same digits
    }

    static List<BoardView.Device> devices(Connection c) throws SQLException {
        return Rows.list(c, """
                select d.name, d.kind, d.connection, d.station, d.picker,
                       case when not d.enabled then 'DISABLED' else coalesce(st.state, 'UNKNOWN') end,
                       st.last_seen, st.last_error, coalesce(st.detail, '{}')::text,
                       (select count(*) from print_job j where j.printer = d.name and j.status in ('QUEUED','HELD'))
                  from device d left join device_status st on st.name = d.name
                 order by d.kind, d.name""",
                rs -> new BoardView.Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Sql.instant(rs, 7), rs.getString(8), json(rs.getString(9)), rs.getInt(10)));
    }

    /** The SKUs ordered most in the window: units and product facts, plus sellable stock. */
    record Hot(long productId, String sku, String name, String shop, int units, int available) {}

    static List<Hot> hotSkus(Connection c, Instant now, Long shop, int limit) throws SQLException {
        return Rows.list(c, """
                select h.product_id, p.sku, p.name, s.code, h.units,
                       (select coalesce(sum(st.on_hand - st.allocated), 0) from stock st join location l on l.id = st.location_id
                         where st.product_id = h.product_id and l.active and l.kind in ('PICK_FACE','RESERVE'))
                  from (select l.product_id, sum(l.quantity) units from orders o join order_line l on l.order_id = o.id
                         where o.created_at > ? and o.created_at <= ? and (?::bigint is null or o.shop_id = ?)
                         group by l.product_id order by 2 desc, 1 limit ?) h
                  join product p on p.id = h.product_id join shop s on s.id = p.shop_id
                 order by h.units desc, h.product_id""",
                rs -> new Hot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6)),
                now.minus(WINDOW), now, shop, shop, limit);
    }

    /** Units of a product ordered in the 7 days before the window. */
    static int baselineUnits(Connection c, long productId, Instant now) throws SQLException {
        Instant to = now.minus(WINDOW);
        return Rows.one(c, """
                select coalesce(sum(l.quantity), 0) from order_line l join orders o on o.id = l.order_id
                 where l.product_id = ? and o.created_at > ? and o.created_at <= ?""",
                rs -> rs.getInt(1), productId, to.minus(Duration.ofDays(7)), to);
    }

    /** A count over the 15-minute window as a rate per hour. */
    static int perHour(int inWindow) {
        return (int) (inWindow * (Duration.ofHours(1).toSeconds() / WINDOW.toSeconds()));
    }

    private static Map<String, Object> json(String s) {
        try {
            return JSON.readValue(s, MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
