package io.surgewms.intake;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Page;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Order reads: one order whole, filtered pages of summaries, and an order's history. */
@ApplicationScoped
public class OrderQueries {

    static final Set<String> STATUSES = Set.of("HELD", "RECEIVED", "ALLOCATED", "BACKORDERED", "RELEASED", "PICKING", "PICKED",
            "PACKED", "SHIPPED", "CANCELLED");

    @Inject AgroalDataSource db;

    public record Filter(String shop, String status, String channel, String contentTag, String externalId,
                         OffsetDateTime shipByBefore, OffsetDateTime shipByAfter) {}

    private static final String SUMMARY_COLS = """
            o.id, s.code, o.channel, o.external_id, o.status, o.ship_by, o.carrier, o.service, o.priority, o.content_tag,
            o.units, o.backorder_reason, o.created_at""";

    public OrderView get(long id) {
        try (Connection c = db.getConnection()) {
            OrderView.Summary s;
            OrderRequest.Address to;
            String method, hold;
            try (PreparedStatement ps = c.prepareStatement("select " + SUMMARY_COLS + """
                    , o.ship_to_name, o.ship_to_line1, o.ship_to_line2, o.ship_to_city, o.ship_to_region, o.ship_to_postal,
                      o.ship_to_country, o.ship_to_phone, o.ship_to_email, o.ship_to_company, o.shipping_method, o.hold_reason
                      from orders o join shop s on s.id = o.shop_id where o.id = ?""")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ProblemException.notFound("No order " + id);
                    s = summary(rs);
                    to = new OrderRequest.Address(rs.getString(14), rs.getString(23), rs.getString(15), rs.getString(16), rs.getString(17),
                            rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22));
                    method = rs.getString(24);
                    hold = rs.getString(25);
                }
            }
            List<OrderView.AllocationView> allocations = new ArrayList<>();
            Map<Integer, Integer> allocatedByLine = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select l.line_no, l.sku, loc.code, a.quantity, a.status
                      from allocation a join order_line l on l.id = a.line_id
                      join stock st on st.id = a.stock_id join location loc on loc.id = st.location_id
                     where a.order_id = ? order by l.line_no, a.id""")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var a = new OrderView.AllocationView(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5));
                        allocations.add(a);
                        if (!a.status().equals("RELEASED")) allocatedByLine.merge(a.lineNo(), a.quantity(), Integer::sum);
                    }
                }
            }
            record Row(OrderView.LineView line, Integer bundleLine, String bundleSku, int bundles) {}
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select line_no, sku, quantity, bundle_line_no, bundle_sku, bundle_quantity
                      from order_line where order_id = ? order by line_no""")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(new Row(new OrderView.LineView(rs.getInt(1), rs.getString(2), rs.getInt(3),
                            allocatedByLine.getOrDefault(rs.getInt(1), 0)), (Integer) rs.getObject(4), rs.getString(5), rs.getInt(6)));
                }
            }
            // component lines gather under the buyer's bundle line, which stands where its first component does
            Map<Integer, List<OrderView.LineView>> parts = new HashMap<>();
            for (Row r : rows) if (r.bundleLine() != null) parts.computeIfAbsent(r.bundleLine(), k -> new ArrayList<>()).add(r.line());
            List<OrderView.LineView> lines = new ArrayList<>();
            for (Row r : rows) {
                if (r.bundleLine() == null) lines.add(r.line());
                else if (parts.get(r.bundleLine()).get(0) == r.line()) lines.add(bundleLine(r.bundleSku(), r.bundles(), parts.get(r.bundleLine())));
            }
            return new OrderView(s.id(), s.shop(), s.channel(), s.externalId(), s.status(), s.shipBy(), s.carrier(), s.service(),
                    s.priority(), s.contentTag(), to, s.units(), s.backorderReason(), s.createdAt(), lines, allocations, method, hold);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A bundle line: whole bundles reserved are the fewest any component's reserved units make. */
    private static OrderView.LineView bundleLine(String sku, int bundles, List<OrderView.LineView> parts) {
        int whole = bundles;
        for (OrderView.LineView p : parts) whole = Math.min(whole, p.allocated() / (p.quantity() / bundles));
        return new OrderView.LineView(parts.get(0).lineNo(), sku, bundles, whole, parts);
    }

    public Page<OrderView.Summary> list(Filter f, Integer page, Integer size) {
        int pg = Page.page(page), sz = Page.size(size);
        if (f.status() != null && !STATUSES.contains(f.status()))
            throw ProblemException.invalid("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        String where = """
                 from orders o join shop s on s.id = o.shop_id
                where (cast(? as text) is null or s.code = ?) and (cast(? as text) is null or o.status = ?)
                  and (cast(? as text) is null or o.channel = ?) and (cast(? as text) is null or o.content_tag = ?)
                  and (cast(? as text) is null or o.external_id = ?)
                  and (cast(? as timestamptz) is null or o.ship_by < ?) and (cast(? as timestamptz) is null or o.ship_by >= ?)""";
        try (Connection c = db.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*)" + where)) {
                bind(ps, f);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); total = rs.getLong(1); }
            }
            List<OrderView.Summary> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + SUMMARY_COLS + where
                    + " order by o.ship_by, o.priority desc, o.id limit ? offset ?")) {
                int i = bind(ps, f);
                ps.setInt(i++, sz);
                ps.setLong(i, (long) pg * sz);
                try (ResultSet rs = ps.executeQuery()) { while (rs.next()) items.add(summary(rs)); }
            }
            return new Page<>(items, pg, sz, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public List<OrderView.Event> events(long id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select from_status, to_status, actor, note, at from order_event where order_id = ? order by at, id")) {
            ps.setLong(1, id);
            List<OrderView.Event> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new OrderView.Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)));
            }
            if (out.isEmpty()) get(id); // 404 when the order does not exist
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static OrderView.Summary summary(ResultSet rs) throws SQLException {
        return new OrderView.Summary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10),
                rs.getInt(11), rs.getString(12), rs.getObject(13, OffsetDateTime.class));
    }

    private static int bind(PreparedStatement ps, Filter f) throws SQLException {
        int i = 1;
        for (String v : new String[]{f.shop(), f.status(), f.channel(), f.contentTag(), f.externalId()}) {
            ps.setString(i++, v);
            ps.setString(i++, v);
        }
        for (OffsetDateTime t : new OffsetDateTime[]{f.shipByBefore(), f.shipByAfter()}) {
            ps.setObject(i++, t);
            ps.setObject(i++, t);
        }
        return i;
    }
}
