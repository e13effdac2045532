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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handover to a carrier: every packed parcel of the carrier whose order is PACKED leaves together on
 * one manifest. Orders become SHIPPED, their units leave the ledger, and one outbox event per parcel
 * (tracking number included) is written for the channel — all in one transaction.
 */
@ApplicationScoped
public class Handover {

    @Inject AgroalDataSource db;

    public record Manifest(String carrier, int orders, int parcels, int units, List<String> trackingNumbers) {}

    public Manifest handOver(String carrier, String actor) {
        if (carrier == null || carrier.isBlank()) throw ProblemException.invalid("carrier", "required");
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Map<Long, List<String>> byOrder = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        select o.id, sh.tracking_number from shipment sh join orders o on o.id = sh.order_id
                         where sh.carrier = ? and sh.status = 'PACKED' and o.status = 'PACKED'
                         order by o.id, sh.parcel_no for update of o, sh skip locked""")) {
                    ps.setString(1, carrier);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) byOrder.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
                int units = 0;
                List<String> tracking = new ArrayList<>();
                String ref = "handover:" + carrier + ":" + java.time.Instant.now();
                for (var e : byOrder.entrySet()) {
                    long order = e.getKey();
                    units += Dispatch.shipOrder(c, order, ref, actor);
                    tracking.addAll(e.getValue());
                    try (PreparedStatement ps = c.prepareStatement("update shipment set status = 'SHIPPED', shipped_at = now() where order_id = ? and status = 'PACKED'")) {
                        ps.setLong(1, order);
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
                        ps.setString(3, "handed to " + carrier + ": " + String.join(", ", e.getValue()));
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into outbox (topic, key, payload)
                            select 'shipment.shipped', o.channel || ':' || o.external_id,
                                   jsonb_build_object('orderId', o.id, 'shop', s.code, 'channel', o.channel, 'externalId', o.external_id,
                                                      'carrier', sh.carrier, 'service', sh.service, 'trackingNumber', sh.tracking_number,
                                                      'sscc', sh.sscc, 'parcel', sh.parcel_no, 'shippedAt', sh.shipped_at)
                              from shipment sh join orders o on o.id = sh.order_id join shop s on s.id = o.shop_id
                             where o.id = ? and sh.status = 'SHIPPED'""")) {
                        ps.setLong(1, order);
                        ps.executeUpdate();
                    }
                }
                return new Manifest(carrier, byOrder.size(), tracking.size(), units, tracking);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }
}
