package io.surgewms.intake;

import io.surgewms.inventory.Allocator;
import io.surgewms.inventory.Bin;
import io.surgewms.inventory.Reservations;
import io.surgewms.inventory.Reservations.Reservation;
import io.surgewms.inventory.StockLocks;
import io.surgewms.platform.Problem;
import io.surgewms.platform.Sql;
import io.surgewms.platform.Tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a group of orders in one transaction with a fixed number of statements, whatever the
 * group's size: resolve codes, find repeats, lock the SKUs' bins (id order), allocate in memory,
 * then insert orders, lines, reservations, ledger rows and events set-at-a-time.
 * Orders with unknown codes are rejected before anything is written; the rest commit together.
 */
final class IntakeWriter {

    private record Resolved(int index, OrderRequest req, long shopId, long[] productIds) {}

    List<OrderResult> write(Connection c, List<OrderRequest> sent) throws SQLException {
        BundleLines bundles = BundleLines.explode(c, sent); // bundle lines become component lines from here on
        List<OrderRequest> orders = bundles.orders();
        OrderResult[] results = new OrderResult[orders.size()];
        Map<String, Integer> firstOfKey = new LinkedHashMap<>();
        Map<String, Long> shops = shops(c, orders);
        Map<String, Long> products = products(c, orders, shops);

        List<Resolved> candidates = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            OrderRequest o = orders.get(i);
            if (firstOfKey.putIfAbsent(o.key(), i) != null) continue; // a repeat inside the group: answered below
            Long shopId = shops.get(o.shop());
            List<Problem.FieldError> errors = new ArrayList<>();
            long[] pids = new long[o.lines().size()];
            if (shopId == null) {
                errors.add(new Problem.FieldError("shop", "unknown shop '" + o.shop() + "'"));
            } else {
                for (int l = 0; l < o.lines().size(); l++) {
                    Long pid = products.get(shopId + "/" + o.lines().get(l).sku());
                    if (pid == null) errors.add(new Problem.FieldError("lines[" + l + "].sku",
                            "unknown SKU '" + o.lines().get(l).sku() + "' for shop '" + o.shop() + "'"));
                    else pids[l] = pid;
                }
            }
            if (!errors.isEmpty()) {
                results[i] = OrderResult.rejected(i, o.externalId(), Problem.invalid(
                        errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason() : errors.size() + " fields are invalid", errors));
            } else {
                candidates.add(new Resolved(i, o, shopId, pids));
            }
        }

        Map<String, Existing> existing = existing(c, candidates);
        List<Resolved> fresh = new ArrayList<>();
        Map<Long, Resolved> releases = new LinkedHashMap<>();
        for (Resolved r : candidates) {
            Existing ex = existing.get(r.req().key());
            if (ex != null && ex.status().equals("HELD") && !r.req().held()) releases.put(ex.id(), r);
            else if (ex != null) results[r.index()] = new OrderResult(r.index(), OrderResult.Outcome.EXISTING, ex.id(),
                    r.req().externalId(), ex.status(), null, null, null);
            else fresh.add(r);
        }
        if (!releases.isEmpty()) {
            Map<Long, String> released = HeldOrderRelease.release(c, releases.keySet(), id -> releases.get(id).req());
            for (var e : releases.entrySet()) {
                Resolved r = e.getValue();
                String now = released.get(e.getKey()); // absent: no longer held (cancelled meanwhile)
                results[r.index()] = new OrderResult(r.index(), now == null ? OrderResult.Outcome.EXISTING : OrderResult.Outcome.RELEASED,
                        e.getKey(), r.req().externalId(), now == null ? existing.get(r.req().key()).status() : now, null, null, null);
            }
        }

        if (!fresh.isEmpty()) {
            Set<Long> pids = new HashSet<>();
            for (Resolved r : fresh) for (long p : r.productIds()) pids.add(p);
            Map<Long, List<Bin>> bins = StockLocks.lockSellable(c, pids);
            Allocator allocator = new Allocator(bins);
            List<Allocator.Outcome> outcomes = new ArrayList<>(fresh.size());
            for (Resolved r : fresh) {
                List<Allocator.Demand> demand = new ArrayList<>();
                for (int l = 0; l < r.productIds().length; l++) {
                    OrderRequest.Line line = r.req().lines().get(l);
                    demand.add(new Allocator.Demand(l, r.productIds()[l], line.sku(), line.quantity()));
                }
                outcomes.add(allocator.allocate(demand));
            }
            Inserted inserted = insertOrders(c, fresh, outcomes);
            Map<String, Long> ids = inserted.ids();
            OffsetDateTime createdAt = inserted.createdAt();
            if (ids.size() != fresh.size()) {
                // Another instance committed one of these keys meanwhile: redo, it will be found as existing.
                throw new Tx.Retry("order identity taken concurrently");
            }
            Map<String, Long> lineIds = insertLines(c, fresh, ids);
            List<Reservation> reservations = new ArrayList<>();
            for (int k = 0; k < fresh.size(); k++) {
                long orderId = ids.get(fresh.get(k).req().key());
                for (Allocator.Take t : outcomes.get(k).takes())
                    reservations.add(new Reservation(orderId, lineIds.get(orderId + "/" + (t.ref() + 1)), t.stockId(), t.quantity()));
            }
            Reservations.reserve(c, reservations, "intake");
            insertEvents(c, fresh, outcomes, ids);
            for (int k = 0; k < fresh.size(); k++) {
                Resolved r = fresh.get(k);
                Allocator.Outcome out = outcomes.get(k);
                results[r.index()] = new OrderResult(r.index(), OrderResult.Outcome.CREATED, ids.get(r.req().key()),
                        r.req().externalId(), status(r.req(), out), out.shortage(), null, createdAt);
            }
        }
        for (int i = 0; i < orders.size(); i++) {
            if (results[i] != null) continue;
            OrderResult first = results[firstOfKey.get(orders.get(i).key())];
            results[i] = first.outcome() == OrderResult.Outcome.REJECTED ? first.at(i)
                    : new OrderResult(i, OrderResult.Outcome.EXISTING, first.orderId(), first.externalId(), first.status(),
                    first.backorderReason(), null, null);
        }
        return bundles.finish(c, List.of(results));
    }

    private record Existing(long id, String status) {}

    /** HELD whatever the stock (a held order short of stock keeps its shortage in backorder_reason), else as allocated. */
    private static String status(OrderRequest o, Allocator.Outcome out) {
        return o.held() ? "HELD" : out.served() ? "ALLOCATED" : "BACKORDERED";
    }

    /** Ids by order key, and the one created_at of them all (the transaction's start). */
    private record Inserted(Map<String, Long> ids, OffsetDateTime createdAt) {}

    private static Map<String, Long> shops(Connection c, List<OrderRequest> orders) throws SQLException {
        Set<String> codes = new HashSet<>();
        for (OrderRequest o : orders) codes.add(o.shop());
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select code, id from shop where code = any(?)")) {
            ps.setArray(1, Sql.texts(c, codes));
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.put(rs.getString(1), rs.getLong(2)); }
        }
        return out;
    }

    /** "shopId/sku" -> product id, for every SKU named in the group. */
    private static Map<String, Long> products(Connection c, List<OrderRequest> orders, Map<String, Long> shops) throws SQLException {
        Set<String> keys = new HashSet<>();
        List<Long> shopIds = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        for (OrderRequest o : orders) {
            Long s = shops.get(o.shop());
            if (s == null) continue;
            for (OrderRequest.Line l : o.lines())
                if (keys.add(s + "/" + l.sku())) { shopIds.add(s); skus.add(l.sku()); }
        }
        Map<String, Long> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                select p.shop_id, p.sku, p.id from product p
                  join unnest(?::bigint[], ?::text[]) k(shop_id, sku) on p.shop_id = k.shop_id and p.sku = k.sku""")) {
            ps.setArray(1, Sql.longs(c, shopIds));
            ps.setArray(2, Sql.texts(c, skus));
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.put(rs.getLong(1) + "/" + rs.getString(2), rs.getLong(3)); }
        }
        return out;
    }

    private static Map<String, Existing> existing(Connection c, List<Resolved> candidates) throws SQLException {
        Map<String, Existing> out = new HashMap<>();
        if (candidates.isEmpty()) return out;
        List<Long> shopIds = new ArrayList<>();
        List<String> channels = new ArrayList<>(), ext = new ArrayList<>();
        Map<String, String> keyOf = new HashMap<>();
        for (Resolved r : candidates) {
            shopIds.add(r.shopId());
            channels.add(r.req().channel());
            ext.add(r.req().externalId());
            keyOf.put(r.shopId() + "\u0000" + r.req().channel() + "\u0000" + r.req().externalId(), r.req().key());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select o.shop_id, o.channel, o.external_id, o.id, o.status from orders o
                  join unnest(?::bigint[], ?::text[], ?::text[]) k(s, c, e)
                    on o.shop_id = k.s and o.channel = k.c and o.external_id = k.e""")) {
            ps.setArray(1, Sql.longs(c, shopIds));
            ps.setArray(2, Sql.texts(c, channels));
            ps.setArray(3, Sql.texts(c, ext));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = keyOf.get(rs.getLong(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3));
                    out.put(key, new Existing(rs.getLong(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** Inserts order headers in key order (a fixed lock order on the unique index); returns key -> id. */
    private static Inserted insertOrders(Connection c, List<Resolved> fresh, List<Allocator.Outcome> outcomes) throws SQLException {
        int n = fresh.size();
        List<Long> shop = new ArrayList<>(n);
        List<String> channel = new ArrayList<>(n), ext = new ArrayList<>(n), status = new ArrayList<>(n), shipBy = new ArrayList<>(n),
                carrier = new ArrayList<>(n), service = new ArrayList<>(n), tag = new ArrayList<>(n), name = new ArrayList<>(n),
                line1 = new ArrayList<>(n), line2 = new ArrayList<>(n), city = new ArrayList<>(n), region = new ArrayList<>(n),
                postal = new ArrayList<>(n), country = new ArrayList<>(n), phone = new ArrayList<>(n), email = new ArrayList<>(n),
                reason = new ArrayList<>(n), company = new ArrayList<>(n), method = new ArrayList<>(n), hold = new ArrayList<>(n);
        List<Integer> priority = new ArrayList<>(n), units = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Resolved r = fresh.get(k);
            OrderRequest o = r.req();
            Allocator.Outcome out = outcomes.get(k);
            OrderRequest.Address to = HeldOrderRelease.addressOf(o);
            shop.add(r.shopId()); channel.add(o.channel()); ext.add(o.externalId());
            status.add(status(o, out)); shipBy.add(o.shipBy().toString());
            carrier.add(o.carrier()); service.add(o.service()); priority.add(o.priority() == null ? 0 : o.priority());
            tag.add(o.contentTag()); name.add(to.name()); line1.add(to.line1()); line2.add(to.line2());
            city.add(to.city()); region.add(to.region()); postal.add(to.postalCode());
            country.add(to.country()); phone.add(to.phone()); email.add(to.email());
            reason.add(out.shortage()); units.add(o.units()); company.add(to.company());
            method.add(o.shippingMethod()); hold.add(o.held() ? o.hold() : null);
        }
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into orders (shop_id, channel, external_id, status, ship_by, carrier, service, priority, content_tag,
                                    ship_to_name, ship_to_line1, ship_to_line2, ship_to_city, ship_to_region, ship_to_postal,
                                    ship_to_country, ship_to_phone, ship_to_email, backorder_reason, units, ship_to_company,
                                    shipping_method, hold_reason)
                select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::int[],
                                     ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[])
                 order by 1, 2, 3
                on conflict on constraint orders_identity do nothing
                returning id, shop_id, channel, external_id, created_at""")) {
            int i = 1;
            ps.setArray(i++, Sql.longs(c, shop));
            for (List<String> col : List.of(channel, ext, status, shipBy, carrier, service)) ps.setArray(i++, Sql.texts(c, col));
            ps.setArray(i++, Sql.ints(c, priority));
            for (List<String> col : List.of(tag, name, line1, line2, city, region, postal, country, phone, email, reason))
                ps.setArray(i++, Sql.texts(c, col));
            ps.setArray(i++, Sql.ints(c, units));
            ps.setArray(i++, Sql.texts(c, company));
            ps.setArray(i++, Sql.texts(c, method));
            ps.setArray(i, Sql.texts(c, hold));
            Map<String, String> keyOf = new HashMap<>();
            for (Resolved r : fresh) keyOf.put(r.shopId() + "\u0000" + r.req().channel() + "\u0000" + r.req().externalId(), r.req().key());
            OffsetDateTime createdAt = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(keyOf.get(rs.getLong(2) + "\u0000" + rs.getString(3) + "\u0000" + rs.getString(4)), rs.getLong(1));
                    createdAt = rs.getObject(5, OffsetDateTime.class);
                }
            }
            return new Inserted(ids, createdAt);
        }
    }

    /** Inserts every line; returns "orderId/lineNo" -> line id (line numbers are 1-based). */
    private static Map<String, Long> insertLines(Connection c, List<Resolved> fresh, Map<String, Long> ids) throws SQLException {
        List<Long> orderIds = new ArrayList<>(), productIds = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>(), qty = new ArrayList<>();
        List<String> sku = new ArrayList<>();
        for (Resolved r : fresh) {
            long id = ids.get(r.req().key());
            for (int l = 0; l < r.productIds().length; l++) {
                orderIds.add(id);
                lineNo.add(l + 1);
                productIds.add(r.productIds()[l]);
                sku.add(r.req().lines().get(l).sku());
                qty.add(r.req().lines().get(l).quantity());
            }
        }
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into order_line (order_id, line_no, product_id, sku, quantity)
                select * from unnest(?::bigint[], ?::int[], ?::bigint[], ?::text[], ?::int[])
                returning id, order_id, line_no""")) {
            ps.setArray(1, Sql.longs(c, orderIds));
            ps.setArray(2, Sql.ints(c, lineNo));
            ps.setArray(3, Sql.longs(c, productIds));
            ps.setArray(4, Sql.texts(c, sku));
            ps.setArray(5, Sql.ints(c, qty));
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.put(rs.getLong(2) + "/" + rs.getInt(3), rs.getLong(1)); }
        }
        return out;
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }

    private static void insertEvents(Connection c, List<Resolved> fresh, List<Allocator.Outcome> outcomes, Map<String, Long> ids) throws SQLException {
        List<Long> orderIds = new ArrayList<>();
        List<String> to = new ArrayList<>(), note = new ArrayList<>(), actor = new ArrayList<>();
        for (int k = 0; k < fresh.size(); k++) {
            orderIds.add(ids.get(fresh.get(k).req().key()));
            to.add(status(fresh.get(k).req(), outcomes.get(k)));
            note.add(fresh.get(k).req().held() ? join(fresh.get(k).req().hold(), outcomes.get(k).shortage()) : outcomes.get(k).shortage());
            actor.add("channel:" + fresh.get(k).req().channel());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into order_event (order_id, from_status, to_status, actor, note)
                select o, 'RECEIVED', t, a, n from unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) u(o, t, a, n)""")) {
            ps.setArray(1, Sql.longs(c, orderIds));
            ps.setArray(2, Sql.texts(c, to));
            ps.setArray(3, Sql.texts(c, actor));
            ps.setArray(4, Sql.texts(c, note));
            ps.executeUpdate();
        }
    }
}
