package io.surgewms.intake;

import io.surgewms.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Releasing held orders the channel has now sent again unheld, set-at-a-time in the intake group's
 * transaction: their address, ship-by and carrier come with the release.
 */
final class HeldOrderRelease {

    private HeldOrderRelease() {}

    private static final OrderRequest.Address UNKNOWN = new OrderRequest.Address(null, null, null, null, null, null, null, null, null, null);

    /** A held order may come without its address. */
    static OrderRequest.Address addressOf(OrderRequest o) {
        return o.shipTo() == null ? UNKNOWN : o.shipTo();
    }

    /**
     * Releases these held orders with what the channel now says: HELD → ALLOCATED, or BACKORDERED when it is still
     * short of stock (its reservations were made when it arrived, or wait in backorder_reason). Returns id → new status;
     * an order no longer held (cancelled meanwhile) is absent.
     */
    static Map<Long, String> release(Connection c, Collection<Long> ids, LongFunction<OrderRequest> release) throws SQLException {
        List<Long> orderIds = new ArrayList<>(ids);
        orderIds.sort(Long::compare); // a fixed lock order
        List<String> shipBy = new ArrayList<>(), carrier = new ArrayList<>(), service = new ArrayList<>(), method = new ArrayList<>(),
                name = new ArrayList<>(), company = new ArrayList<>(), line1 = new ArrayList<>(), line2 = new ArrayList<>(),
                city = new ArrayList<>(), region = new ArrayList<>(), postal = new ArrayList<>(), country = new ArrayList<>(),
                phone = new ArrayList<>(), email = new ArrayList<>();
        for (long id : orderIds) {
            OrderRequest o = release.apply(id);
            OrderRequest.Address to = addressOf(o);
            shipBy.add(o.shipBy().toString()); carrier.add(o.carrier()); service.add(o.service()); method.add(o.shippingMethod());
            name.add(to.name()); company.add(to.company()); line1.add(to.line1()); line2.add(to.line2()); city.add(to.city());
            region.add(to.region()); postal.add(to.postalCode()); country.add(to.country()); phone.add(to.phone()); email.add(to.email());
        }
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with r as (select * from unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                               ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                                 r(id, ship_by, carrier, service, method, name, company, line1, line2, city, region, postal, country, phone, email)),
                     released as (
                  update orders o set status = case when o.backorder_reason is null then 'ALLOCATED' else 'BACKORDERED' end,
                         hold_reason = null, ship_by = r.ship_by, carrier = r.carrier, service = r.service,
                         shipping_method = coalesce(r.method, o.shipping_method), ship_to_name = r.name, ship_to_company = r.company,
                         ship_to_line1 = r.line1, ship_to_line2 = r.line2, ship_to_city = r.city, ship_to_region = r.region,
                         ship_to_postal = r.postal, ship_to_country = r.country, ship_to_phone = r.phone, ship_to_email = r.email,
                         updated_at = now()
                    from r where o.id = r.id and o.status = 'HELD'
                  returning o.id, o.status, o.channel),
                     logged as (
                  insert into order_event (order_id, from_status, to_status, actor, note)
                  select id, 'HELD', status, 'channel:' || channel, 'released by the channel' from released)
                select id, status from released""")) {
            int i = 1;
            ps.setArray(i++, Sql.longs(c, orderIds));
            ps.setArray(i++, Sql.texts(c, shipBy));
            for (List<String> col : List.of(carrier, service, method, name, company, line1, line2, city, region, postal, country, phone, email))
                ps.setArray(i++, Sql.texts(c, col));
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.put(rs.getLong(1), rs.getString(2)); }
        }
        return out;
    }
}
