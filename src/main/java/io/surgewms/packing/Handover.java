package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.surgewms.inventory.Dispatch;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handover to a carrier for one pickup: the packed parcels of that carrier whose orders are due by
 * the pickup (their deadline, see order_deadline()) leave together on one manifest; parcels due at a
 * later pickup stay on the dock. Orders become SHIPPED, their units leave the ledger, and one outbox
 * event per parcel (tracking number included) is written for the channel — all in one transaction.
 */
@ApplicationScoped
public class Handover {

    @Inject AgroalDataSource db;
    @Inject io.surgewms.shipping.DayCloses dayCloses;

    public record Manifest(long id, String carrier, OffsetDateTime pickupAt, int orders, int parcels, int units,
                           List<String> trackingNumbers) {}

    /** @param pickupAt the pickup this truck serves, or null to hand over everything packed for the carrier */
    public Manifest handOver(String carrier, OffsetDateTime pickupAt, String actor) {
        if (carrier == null || carrier.isBlank()) throw ProblemException.invalid("carrier", "required");
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Map<Long, List<String>> byOrder = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        select o.id, sh.tracking_number from shipment sh join orders o on o.id = sh.order_id
                         where sh.carrier = ? and sh.status = 'PACKED' and o.status = 'PACKED'
                           -- a parcel whose label is still being bought has nothing on it for the driver yet
                           and not exists (select 1 from shipment p where p.order_id = o.id and p.label_state = 'PENDING')
                           and (cast(? as timestamptz) is null or order_deadline(o.ship_by, o.carrier) <= ?)
                         order by o.id, sh.parcel_no for update of o, sh skip locked""")) {
                    ps.setString(1, carrier);
                    ps.setObject(2, pickupAt);
                    ps.setObject(3, pickupAt);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) byOrder.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
                if (byOrder.isEmpty())
                    throw ProblemException.conflict("No packed parcels for " + carrier + (pickupAt == null ? "" : " due by " + pickupAt));
                int units = 0;
                List<String> tracking = new ArrayList<>();
                long manifest;
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into manifest (carrier, pickup_at, actor, orders, parcels, units) values (?, ?, ?, 0, 0, 0) returning id")) {
                    ps.setString(1, carrier);
                    ps.setObject(2, pickupAt);
                    ps.setString(3, actor);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        manifest = rs.getLong(1);
                    }
                }
                String ref = "manifest:" + manifest;
                for (var e : byOrder.entrySet()) {
                    long order = e.getKey();
                    units += Dispatch.shipOrder(c, order, ref, actor);
                    tracking.addAll(e.getValue());
                    try (PreparedStatement ps = c.prepareStatement("update shipment set status = 'SHIPPED', shipped_at = now(), manifest_id = ? where order_id = ? and status = 'PACKED'")) {
                        ps.setLong(1, manifest);
                        ps.setLong(2, order);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("update orders set status = 'SHIPPED', updated_at = now() where id = ?")) {
                        ps.setLong(1, order);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "insert into order_event (order_id, from_status, to_status, actor, note) values (?, 'PACKED', 'SHIPPED', ?, ?)")) {
                        ps.setLong(1, order);
                        ps.setString(2, actor);
                        ps.setString(3, "handed to " + carrier + " on manifest " + manifest + ": " + String.join(", ", e.getValue()));
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into outbox (topic, key, payload)
                            select 'shipment.shipped', o.channel || ':' || o.external_id,
                                   jsonb_build_object('orderId', o.id, 'shop', s.code, 'channel', o.channel, 'externalId', o.external_id,
                                                      'carrier', sh.carrier, 'service', sh.service, 'trackingNumber', sh.tracking_number,
                                                      'sscc', sh.sscc, 'parcel', sh.parcel_no, 'manifest', sh.manifest_id, 'shippedAt', sh.shipped_at,
                                                      'labelProvider', sh.label_provider)
                              from shipment sh join orders o on o.id = sh.order_id join shop s on s.id = o.shop_id
                             where o.id = ? and sh.status = 'SHIPPED'""")) {
                        ps.setLong(1, order);
                        ps.executeUpdate();
                    }
                }
                dayCloses.plan(c, manifest); // the providers' scan forms, sent by a worker after this commits
                try (PreparedStatement ps = c.prepareStatement("update manifest set orders = ?, parcels = ?, units = ? where id = ?")) {
                    ps.setInt(1, byOrder.size());
                    ps.setInt(2, tracking.size());
                    ps.setInt(3, units);
                    ps.setLong(4, manifest);
                    ps.executeUpdate();
                }
                return new Manifest(manifest, carrier, pickupAt, byOrder.size(), tracking.size(), units, tracking);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }
}
