package io.surgewms.catalog;

import io.surgewms.platform.Problem.FieldError;
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
import java.util.TreeSet;

/**
 * Bundle definitions: a bundle is a product made of components (SKU x quantity) of the same shop. One
 * level only (a component is never a bundle), and a bundle has no stock of its own. The product API and
 * the product import check and write definitions here, by SQL in their own transaction. A definition is
 * written whole or not at all: a refused one leaves its row unwritten.
 */
final class Bundles {

    private Bundles() {}

    /** A bundle to (re)define: the caller's row number, shop, its SKU and its components (empty: plain again). */
    record Definition(int row, long shopId, String sku, List<NewProduct.Component> components) {}

    /** Why a definition is refused; the field is relative to the row, e.g. {@code components[1].sku}. */
    record Refusal(int row, String field, String reason) {}

    private record Key(long shopId, String sku) {}

    private record Known(boolean bundle, boolean stocked, List<String> inBundles) {}

    /** What is wrong with a definition on its own, before the catalog is read. */
    static List<FieldError> shapeProblems(String sku, List<NewProduct.Component> components) {
        List<FieldError> errors = new ArrayList<>();
        if (components == null) return errors;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < components.size(); i++) {
            NewProduct.Component c = components.get(i);
            if (c == null || c.sku() == null) continue; // the validator names these
            if (c.sku().equals(sku)) errors.add(new FieldError("components[" + i + "].sku", "a bundle cannot contain itself"));
            else if (!seen.add(c.sku()))
                errors.add(new FieldError("components[" + i + "].sku", "'" + c.sku() + "' is listed twice; give one quantity"));
        }
        return errors;
    }

    /**
     * A CSV cell such as {@code MUG-1*2;SPOON-1}: components separated by ';', each a SKU with an optional
     * {@code *quantity} (1 when left out). Null for a blank cell (the definition stays as it is).
     */
    static List<NewProduct.Component> parse(String cell, List<FieldError> errors) {
        if (cell == null || cell.isBlank()) return null;
        List<NewProduct.Component> out = new ArrayList<>();
        for (String part : cell.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int star = p.lastIndexOf('*');
            String sku = star < 0 ? p : p.substring(0, star).trim();
            Integer qty = 1;
            if (star >= 0) {
                try {
                    qty = Integer.valueOf(p.substring(star + 1).trim());
                } catch (NumberFormatException e) {
                    errors.add(new FieldError("components", "'" + p + "': the quantity after '*' must be a whole number"));
                    continue;
                }
            }
            out.add(new NewProduct.Component(sku, qty));
        }
        return out;
    }

    /**
     * Checks definitions against the catalog as it will be once this request is written: {@code written}
     * are the SKUs per shop the request creates or updates (new ones count as plain products). Holds a
     * per-shop lock until commit, so two requests cannot nest bundles or stock a bundle between check and write.
     */
    static List<Refusal> check(Connection c, List<Definition> defs, Map<Long, Set<String>> written) throws SQLException {
        List<Refusal> out = new ArrayList<>();
        if (defs.isEmpty()) return out;
        lockShops(c, defs);
        Map<Key, List<NewProduct.Component>> redefined = new HashMap<>();
        for (Definition d : defs) redefined.put(new Key(d.shopId(), d.sku()), d.components());
        Map<Key, Known> known = known(c, defs);
        for (Definition d : defs) {
            if (d.components().isEmpty()) continue; // plain again: nothing to check
            Known self = known.get(new Key(d.shopId(), d.sku()));
            if (self != null && self.stocked())
                out.add(new Refusal(d.row(), "components", "'" + d.sku() + "' has stock: a bundle has none of its own, so ship or move it first"));
            if (self != null)
                for (String holder : self.inBundles()) {
                    List<NewProduct.Component> next = redefined.get(new Key(d.shopId(), holder));
                    if (next == null || next.stream().anyMatch(x -> x.sku().equals(d.sku())))
                        out.add(new Refusal(d.row(), "components", "'" + d.sku() + "' is a component of bundle '" + holder + "'; a bundle cannot contain a bundle"));
                }
            for (int i = 0; i < d.components().size(); i++) {
                String sku = d.components().get(i).sku();
                Key k = new Key(d.shopId(), sku);
                Known comp = known.get(k);
                boolean exists = comp != null || written.getOrDefault(d.shopId(), Set.of()).contains(sku);
                List<NewProduct.Component> itsOwn = redefined.get(k);
                boolean bundle = itsOwn != null ? !itsOwn.isEmpty() : comp != null && comp.bundle();
                if (!exists) out.add(new Refusal(d.row(), "components[" + i + "].sku", "unknown SKU '" + sku + "' in this shop"));
                else if (bundle) out.add(new Refusal(d.row(), "components[" + i + "].sku", "'" + sku + "' is a bundle; a bundle cannot contain a bundle"));
            }
        }
        return out;
    }

    /** Replaces the components of each definition's bundle; {@code ids} are product ids by shop and SKU. */
    static void write(Connection c, List<Definition> defs, Map<Long, Map<String, Long>> ids) throws SQLException {
        if (defs.isEmpty()) return;
        List<Long> bundles = new ArrayList<>();
        List<Long> shop = new ArrayList<>(), bundle = new ArrayList<>();
        List<String> sku = new ArrayList<>();
        List<Integer> qty = new ArrayList<>(), pos = new ArrayList<>();
        for (Definition d : defs) {
            long id = ids.get(d.shopId()).get(d.sku());
            bundles.add(id);
            for (int i = 0; i < d.components().size(); i++) {
                shop.add(d.shopId());
                bundle.add(id);
                sku.add(d.components().get(i).sku());
                qty.add(d.components().get(i).quantity());
                pos.add(i + 1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("delete from bundle_component where bundle_id = any(?)")) {
            ps.setArray(1, Sql.longs(c, bundles));
            ps.executeUpdate();
        }
        if (sku.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into bundle_component (bundle_id, component_id, quantity, position)
                select u.b, p.id, u.q, u.n from unnest(?::bigint[], ?::bigint[], ?::text[], ?::int[], ?::int[]) u(s, b, k, q, n)
                  join product p on p.shop_id = u.s and p.sku = u.k""")) {
            ps.setArray(1, Sql.longs(c, shop));
            ps.setArray(2, Sql.longs(c, bundle));
            ps.setArray(3, Sql.texts(c, sku));
            ps.setArray(4, Sql.ints(c, qty));
            ps.setArray(5, Sql.ints(c, pos));
            if (ps.executeUpdate() != sku.size()) throw new IllegalStateException("a component vanished between check and write");
        }
    }

    /** Components of each of the given products that is a bundle, in the seller's order. */
    static Map<Long, List<ProductView.ComponentView>> componentsOf(Connection c, List<Long> productIds) throws SQLException {
        Map<Long, List<ProductView.ComponentView>> out = new HashMap<>();
        if (productIds.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                select bc.bundle_id, p.sku, bc.quantity from bundle_component bc join product p on p.id = bc.component_id
                 where bc.bundle_id = any(?) order by bc.bundle_id, bc.position""")) {
            ps.setArray(1, Sql.longs(c, productIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ProductView.ComponentView(rs.getString(2), rs.getInt(3)));
            }
        }
        return out;
    }

    private static void lockShops(Connection c, List<Definition> defs) throws SQLException {
        TreeSet<Long> shops = new TreeSet<>();
        for (Definition d : defs) shops.add(d.shopId());
        try (PreparedStatement ps = c.prepareStatement("""
                select count(pg_advisory_xact_lock(hashtext('surge:bundles'), (s % 2147483647)::int))
                  from (select s from unnest(?::bigint[]) s order by s offset 0) x""")) {
            ps.setArray(1, Sql.longs(c, shops));
            ps.executeQuery().close();
        }
    }

    /** Every product the definitions name (bundles and components) as the catalog holds it now. */
    private static Map<Key, Known> known(Connection c, List<Definition> defs) throws SQLException {
        List<Long> shops = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        for (Definition d : defs) {
            shops.add(d.shopId());
            skus.add(d.sku());
            for (NewProduct.Component x : d.components()) {
                shops.add(d.shopId());
                skus.add(x.sku());
            }
        }
        Map<Key, Known> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select p.shop_id, p.sku,
                       exists (select 1 from bundle_component bc where bc.bundle_id = p.id),
                       exists (select 1 from stock s where s.product_id = p.id and (s.on_hand <> 0 or s.allocated <> 0)),
                       array(select b.sku from bundle_component bc join product b on b.id = bc.bundle_id where bc.component_id = p.id)
                  from product p join (select distinct * from unnest(?::bigint[], ?::text[])) k(shop_id, sku)
                    on p.shop_id = k.shop_id and p.sku = k.sku""")) {
            ps.setArray(1, Sql.longs(c, shops));
            ps.setArray(2, Sql.texts(c, skus));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    out.put(new Key(rs.getLong(1), rs.getString(2)), new Known(rs.getBoolean(3), rs.getBoolean(4),
                            List.of((String[]) rs.getArray(5).getArray())));
            }
        }
        return out;
    }
}
