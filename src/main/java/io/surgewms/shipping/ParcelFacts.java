package io.surgewms.shipping;

import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Site;
import io.surgewms.platform.Sql;
import io.surgewms.shipping.spi.Address;
import io.surgewms.shipping.spi.LabelFormat;
import io.surgewms.shipping.spi.ParcelSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A label row with its order, read in one query: what the worker needs to shop, buy, store and print. */
@ApplicationScoped
public class ParcelFacts {

    @Inject Site site;

    record Facts(long id, LabelStatus status, long orderId, long shopId, String provider, Long accountId, String carrier, String service,
                 Long costCents, String currency, String rateRef, String quoteRef, String providerRef, String tracking,
                 boolean addressChecked, int weightG, int attempts, Long shipmentId, String printStation, String printPrinter,
                 String printHost, Integer printPort, Integer printDpi, String channel, String country, String contentTag, ParcelSpec spec,
                 boolean urgent) {

        RateShopping.Parcel ruleParcel() {
            return new RateShopping.Parcel(channel, country, weightG, contentTag);
        }
    }

    Facts of(Connection c, long labelId) throws SQLException {
        return Jdbc.one(c, """
                select l.id, l.status, l.order_id, o.shop_id, l.provider, l.carrier_account_id, l.carrier, l.service, l.cost_cents, l.currency,
                       l.rate_ref, l.quote_ref, l.provider_ref, l.tracking_number, l.address_checked, l.weight_g, l.attempts, l.shipment_id,
                       l.print_station, l.print_printer, l.print_host, l.print_port, l.print_dpi,
                       o.channel, o.ship_to_country, o.content_tag, l.idempotency_key, o.external_id, o.ship_by,
                       o.ship_to_name, o.ship_to_line1, o.ship_to_line2, o.ship_to_city, o.ship_to_region, o.ship_to_postal,
                       o.ship_to_phone, o.ship_to_email, l.carton, ct.length_mm, ct.width_mm, ct.height_mm, l.urgent
                  from parcel_label l join orders o on o.id = l.order_id left join carton_type ct on ct.code = l.carton
                 where l.id = ?""", rs -> {
            Address to = new Address(rs.getString(30), null, lines(rs.getString(31), rs.getString(32)), rs.getString(33), rs.getString(34),
                    rs.getString(35), rs.getString(25), rs.getString(36), rs.getString(37));
            Address from = new Address(site.name(), site.name(), List.of(site.street()), site.city(), site.region(), site.postalCode(),
                    site.country(), site.phone(), null);
            ParcelSpec spec = new ParcelSpec(rs.getString(27), rs.getString(28), rs.getString(24), rs.getString(28), from, to,
                    rs.getInt(16), Jdbc.intOrNull(rs, 39), Jdbc.intOrNull(rs, 40), Jdbc.intOrNull(rs, 41), rs.getString(26),
                    Sql.instant(rs, 29), LabelFormat.ZPL, items(c, rs.getLong(3)));
            return new Facts(rs.getLong(1), LabelStatus.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getString(5),
                    Jdbc.longOrNull(rs, 6), rs.getString(7), rs.getString(8), Jdbc.longOrNull(rs, 9), rs.getString(10), rs.getString(11),
                    rs.getString(12), rs.getString(13), rs.getString(14), rs.getBoolean(15), rs.getInt(16), rs.getInt(17),
                    Jdbc.longOrNull(rs, 18), rs.getString(19), rs.getString(20), rs.getString(21), Jdbc.intOrNull(rs, 22),
                    Jdbc.intOrNull(rs, 23), rs.getString(24), rs.getString(25), rs.getString(26), spec, rs.getBoolean(42));
        }, labelId);
    }

    private static List<String> lines(String a, String b) {
        List<String> l = new ArrayList<>();
        if (a != null) l.add(a);
        if (b != null) l.add(b);
        return l;
    }

    private static List<ParcelSpec.Item> items(Connection c, long orderId) throws SQLException {
        return Jdbc.list(c, """
                select l.sku, p.name, l.quantity, p.weight_g from order_line l join product p on p.id = l.product_id
                 where l.order_id = ? order by l.line_no""",
                rs -> new ParcelSpec.Item(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)), orderId);
    }
}
