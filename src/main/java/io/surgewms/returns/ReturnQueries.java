package io.surgewms.returns;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Page;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Sql;
import io.surgewms.returns.ReturnRequests.Line;
import io.surgewms.returns.ReturnRequests.Rma;
import io.surgewms.returns.ReturnRequests.Summary;
import io.surgewms.returns.ReturnRequests.Unit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reading returns: one RMA with its lines and units, lists, the order's return history, and the station's
 * lookup of whatever the clerk scans off the parcel (RMA code, tracking number, SSCC, order reference).
 * {@code shops} null means every shop; otherwise another shop's RMA answers 404, as if it did not exist.
 */
@ApplicationScoped
public class ReturnQueries {

    @Inject AgroalDataSource db;

    public Rma get(long id, Set<Long> shops) {
        try (Connection c = db.getConnection()) {
            Rma r = view(c, id);
            if (r == null || !visible(c, id, shops)) throw ProblemException.notFound("No return " + id);
            return r;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The RMA a scanned code names: its own code, else the open return of the order the code names. */
    public Rma lookup(String code, Set<Long> shops) {
        if (code == null || code.isBlank()) throw ProblemException.invalid("code", "scan an RMA, a parcel label or an order");
        String clean = io.surgewms.barcode.ScanText.clean(code);
        try (Connection c = db.getConnection()) {
            List<Long> byCode = ids(c, "select id from rma where code = upper(?) and (?::bigint[] is null or shop_id = any(?))", clean, shops, shops);
            if (!byCode.isEmpty()) return view(c, byCode.get(0));
            // A parcel label (tracking number, SSCC with or without its AI 00) or the order's reference: that order's open return.
            String sscc = clean.startsWith("00") && clean.length() == 20 ? clean.substring(2) : clean;
            List<Long> orders = ids(c, """
                    select distinct r.order_id from rma r join orders o on o.id = r.order_id
                     where r.status in ('OPEN', 'RECEIVED') and (?::bigint[] is null or r.shop_id = any(?))
                       and (o.external_id = ? or o.id in (select order_id from shipment where tracking_number = ? or sscc = ?))""",
                    shops, shops, clean, clean, sscc);
            if (orders.isEmpty()) throw ProblemException.notFound("No open return for '" + clean + "': create one for its order first");
            // Two shops' orders may share a reference: the clerk must scan something sharper.
            if (orders.size() > 1) throw ProblemException.conflict("'" + clean + "' names several orders with open returns: scan the RMA code");
            return view(c, ids(c, "select id from rma where order_id = ? and status in ('OPEN', 'RECEIVED') order by id desc", orders.get(0)).get(0));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Page<Summary> list(Long orderId, String status, String shop, Set<Long> shops, Integer page, Integer size) {
        int p = Page.page(page), s = Page.size(size);
        String where = """
                 from rma r join orders o on o.id = r.order_id join shop sh on sh.id = r.shop_id
                where (?::bigint is null or r.order_id = ?) and (?::text is null or r.status = ?) and (?::text is null or sh.code = ?)
                  and (?::bigint[] is null or r.shop_id = any(?))""";
        try (Connection c = db.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*)" + where)) {
                bind(c, ps, orderId, status, shop, shops);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); total = rs.getLong(1); }
            }
            List<Summary> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select r.id, r.code, r.order_id, o.external_id, sh.code, r.status, r.source,
                           (select coalesce(sum(quantity), 0) from rma_line where rma_id = r.id),
                           (select count(*) from rma_unit where rma_id = r.id), r.created_at, r.closed_at""" + where
                    + " order by r.created_at desc, r.id desc limit ? offset ?")) {
                int at = bind(c, ps, orderId, status, shop, shops);
                ps.setInt(at, s);
                ps.setLong(at + 1, (long) p * s);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next())
                        items.add(new Summary(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class)));
                }
            }
            return new Page<>(items, p, s, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The order's return history, oldest first, each RMA whole. */
    public List<Rma> forOrder(long orderId) {
        try (Connection c = db.getConnection()) {
            if (ids(c, "select id from orders where id = ?", orderId).isEmpty()) throw ProblemException.notFound("No order " + orderId);
            List<Rma> out = new ArrayList<>();
            for (long id : ids(c, "select id from rma where order_id = ? order by id", orderId)) out.add(view(c, id));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static Rma view(Connection c, long id) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select l.line_no, l.sku, p.name, coalesce((select array_agg(b.barcode order by b.barcode) from product_barcode b where b.product_id = l.product_id), '{}'),
                       l.quantity, l.reason, l.received,
                       count(u.id) filter (where u.disposition = 'RESTOCK'), count(u.id) filter (where u.disposition = 'QUARANTINE'),
                       count(u.id) filter (where u.disposition = 'SCRAP'), count(u.id) filter (where u.unexpected)
                  from rma_line l join product p on p.id = l.product_id left join rma_unit u on u.line_id = l.id
                 where l.rma_id = ? group by l.id, p.name order by l.line_no""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    lines.add(new Line(rs.getInt(1), rs.getString(2), rs.getString(3), Arrays.asList((String[]) rs.getArray(4).getArray()),
                            rs.getInt(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11)));
            }
        }
        List<Unit> units = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select u.id, p.sku, u.code, u.unexpected, u.disposition, l.code, u.note, u.photo_ref, u.actor, u.at
                  from rma_unit u left join product p on p.id = u.product_id left join location l on l.id = u.location_id
                 where u.rma_id = ? order by u.id""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    units.add(new Unit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class)));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select r.id, r.code, r.order_id, o.external_id, o.channel, s.code, r.status, r.source, r.reference, r.note,
                       r.created_by, r.created_at, r.received_at, r.closed_at, r.closed_by
                  from rma r join orders o on o.id = r.order_id join shop s on s.id = r.shop_id where r.id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new Rma(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class), rs.getObject(14, OffsetDateTime.class),
                        rs.getString(15), lines, units);
            }
        }
    }

    private static boolean visible(Connection c, long id, Set<Long> shops) throws SQLException {
        if (shops == null) return true;
        return !ids(c, "select id from rma where id = ? and shop_id = any(?)", id, shops).isEmpty();
    }

    private static int bind(Connection c, PreparedStatement ps, Long orderId, String status, String shop, Set<Long> shops) throws SQLException {
        Array a = shops == null ? null : Sql.longs(c, shops);
        Object[] args = {orderId, orderId, status, status, shop, shop, a, a};
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return args.length + 1;
    }

    /** Ids from a query; a Set argument binds as bigint[] (null stays null). */
    static List<Long> ids(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++)
                ps.setObject(i + 1, args[i] instanceof Set<?> s ? Sql.longs(c, s.stream().map(Long.class::cast).toList()) : args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getLong(1));
                return out;
            }
        }
    }
}
