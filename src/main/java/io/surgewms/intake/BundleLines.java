package io.surgewms.intake;

import io.surgewms.platform.Problem;
import io.surgewms.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bundles at intake: a line of a bundle becomes one line per component (bundles x component quantity)
 * before SKUs are resolved, so allocation, picking and packing only ever see components. Each component
 * line remembers the buyer's line (number, bundle SKU, bundles ordered) so the order still reads as
 * bought. Line numbers follow the exploded lines; problems are reported against the lines as sent.
 */
final class BundleLines {

    private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]");

    /** The buyer's line a component line came from. */
    private record Origin(int lineNo, String sku, int quantity) {}

    /** An order with bundles, per exploded line: its origin (null for a plain line) and the index it was sent at. */
    private record Exploded(Origin[] origins, int[] sent) {}

    private record Component(String sku, int quantity) {}

    private final List<OrderRequest> exploded;
    /** Per order: null when it has no bundle line. */
    private final List<Exploded> origins;

    private BundleLines(List<OrderRequest> exploded, List<Exploded> origins) {
        this.exploded = exploded;
        this.origins = origins;
    }

    /** The orders with every bundle line exploded; one query whatever the group's size. */
    static BundleLines explode(Connection c, List<OrderRequest> orders) throws SQLException {
        Map<String, List<Component>> bundles = definitions(c, orders);
        List<OrderRequest> out = new ArrayList<>(orders.size());
        List<Exploded> origins = new ArrayList<>(orders.size());
        for (OrderRequest o : orders) {
            if (o.lines().stream().noneMatch(l -> bundles.containsKey(o.shop() + "/" + l.sku()))) {
                out.add(o);
                origins.add(null);
                continue;
            }
            List<OrderRequest.Line> lines = new ArrayList<>();
            List<Origin> from = new ArrayList<>();
            List<Integer> sent = new ArrayList<>();
            for (int i = 0; i < o.lines().size(); i++) {
                OrderRequest.Line l = o.lines().get(i);
                List<Component> parts = bundles.get(o.shop() + "/" + l.sku());
                if (parts == null) {
                    lines.add(l);
                    from.add(null);
                    sent.add(i);
                    continue;
                }
                for (Component p : parts) {
                    lines.add(new OrderRequest.Line(p.sku(), p.quantity() * l.quantity()));
                    from.add(new Origin(i + 1, l.sku(), l.quantity()));
                    sent.add(i);
                }
            }
            out.add(o.withLines(lines));
            origins.add(new Exploded(from.toArray(new Origin[0]), sent.stream().mapToInt(Integer::intValue).toArray()));
        }
        return new BundleLines(out, origins);
    }

    /** The orders to write: bundle lines replaced by their components. */
    List<OrderRequest> orders() {
        return exploded;
    }

    /**
     * After the writer: component lines of the orders just created learn their bundle line, and a
     * rejection names the line as the channel sent it. Returns the results to answer with.
     */
    List<OrderResult> finish(Connection c, List<OrderResult> results) throws SQLException {
        List<Long> orderIds = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>(), bundleLine = new ArrayList<>(), bundleQty = new ArrayList<>();
        List<String> bundleSku = new ArrayList<>();
        List<OrderResult> out = new ArrayList<>(results.size());
        for (OrderResult r : results) {
            Exploded ex = origins.get(r.index());
            if (ex == null) {
                out.add(r);
                continue;
            }
            Origin[] from = ex.origins();
            if (r.outcome() == OrderResult.Outcome.CREATED) {
                for (int k = 0; k < from.length; k++) {
                    if (from[k] == null) continue;
                    orderIds.add(r.orderId());
                    lineNo.add(k + 1);
                    bundleLine.add(from[k].lineNo());
                    bundleSku.add(from[k].sku());
                    bundleQty.add(from[k].quantity());
                }
            }
            out.add(r.outcome() == OrderResult.Outcome.REJECTED ? asSent(r, ex.sent()) : r);
        }
        if (orderIds.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                update order_line l set bundle_line_no = u.b, bundle_sku = u.s, bundle_quantity = u.q
                  from unnest(?::bigint[], ?::int[], ?::int[], ?::text[], ?::int[]) u(o, n, b, s, q)
                 where l.order_id = u.o and l.line_no = u.n""")) {
            ps.setArray(1, Sql.longs(c, orderIds));
            ps.setArray(2, Sql.ints(c, lineNo));
            ps.setArray(3, Sql.ints(c, bundleLine));
            ps.setArray(4, Sql.texts(c, bundleSku));
            ps.setArray(5, Sql.ints(c, bundleQty));
            ps.executeUpdate();
        }
        return out;
    }

    /** The rejection with lines[k] (exploded) renamed to the buyer's line it came from. */
    private static OrderResult asSent(OrderResult r, int[] sent) {
        Problem p = r.problem();
        if (p == null || p.errors() == null) return r;
        List<Problem.FieldError> errors = p.errors().stream()
                .map(e -> new Problem.FieldError(renumber(e.field(), sent), e.reason())).toList();
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason() : p.detail();
        return OrderResult.rejected(r.index(), r.externalId(), Problem.invalid(detail, errors));
    }

    private static String renumber(String field, int[] sent) {
        Matcher m = LINE_FIELD.matcher(field);
        if (!m.lookingAt()) return field;
        int k = Integer.parseInt(m.group(1));
        return k < sent.length ? "lines[" + sent[k] + "]" + field.substring(m.end()) : field;
    }

    /** "shop/bundle SKU" -> components in the seller's order, for every bundle named in the group. */
    private static Map<String, List<Component>> definitions(Connection c, List<OrderRequest> orders) throws SQLException {
        Set<String> keys = new HashSet<>();
        List<String> shops = new ArrayList<>(), skus = new ArrayList<>();
        for (OrderRequest o : orders)
            for (OrderRequest.Line l : o.lines())
                if (keys.add(o.shop() + "/" + l.sku())) { shops.add(o.shop()); skus.add(l.sku()); }
        Map<String, List<Component>> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                select s.code, b.sku, p.sku, bc.quantity
                  from unnest(?::text[], ?::text[]) k(shop, sku)
                  join shop s on s.code = k.shop
                  join product b on b.shop_id = s.id and b.sku = k.sku
                  join bundle_component bc on bc.bundle_id = b.id
                  join product p on p.id = bc.component_id
                 order by s.code, b.sku, bc.position""")) {
            ps.setArray(1, Sql.texts(c, shops));
            ps.setArray(2, Sql.texts(c, skus));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    out.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                            .add(new Component(rs.getString(3), rs.getInt(4)));
            }
        }
        return out;
    }
}
