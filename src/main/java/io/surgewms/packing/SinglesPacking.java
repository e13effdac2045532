package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.ScanText;
import io.surgewms.devices.PrintQueue;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Sql;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Scan-and-ship for singles: the packer scans one unit from a bulk tote, the earliest-deadline
 * picked single-unit order for that SKU is taken (SKIP LOCKED: two stations never get the same
 * order), its parcel is closed with the station's default carton and its label queued — one scan,
 * one label.
 */
@ApplicationScoped
public class SinglesPacking {

    @Inject AgroalDataSource db;
    @Inject ShipmentWriter shipments;
    @Inject PrintQueue printQueue;
    @Inject PackQueries queries;

    public PackView.Answer scan(String stationCode, String code, String packer) {
        return scan(stationCode, code, packer, null);
    }

    /** @param device the serial scanner the scan came from, or null for the station's page */
    public PackView.Answer scan(String stationCode, String code, String packer, String device) {
        if (packer == null || packer.isBlank()) throw ProblemException.invalid("packer", "required");
        String clean = ScanText.clean(code);
        PackView.Answer answer = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                PackQueries.Station station = PackQueries.station(c, stationCode);
                if (!station.kind().equals("SINGLES")) throw ProblemException.conflict("Station " + stationCode + " is not a singles station");
                PackView.Answer a = shipOne(c, station, clean, packer);
                return PackScans.record(c, stationCode, device, packer, clean, a.pack() == null ? null : a.pack().orderId(), a);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        if (answer.shipmentId() != null) printQueue.wake(); // committed: the label may go now
        return answer;
    }

    private PackView.Answer shipOne(Connection c, PackQueries.Station station, String code, String packer) throws SQLException {
        if (code.isEmpty()) return PackView.Answer.reject("UNREADABLE", "Nothing readable was scanned: scan again");
        if (Gtin.looksLikeGtin(code) && !Gtin.isValid(code)) return PackView.Answer.reject("BAD_CHECK_DIGIT", "Barcode " + code + " has a wrong check digit: scan again");
        List<Long> products = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id from product where sku = ? union select product_id from product_barcode where barcode = ?")) {
            ps.setString(1, code);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) products.add(rs.getLong(1)); }
        }
        if (products.isEmpty()) return PackView.Answer.reject("UNKNOWN_ITEM", code + " is no known item: put it aside");
        long orderId, productId;
        String sku;
        int weight;
        try (PreparedStatement ps = c.prepareStatement("""
                select o.id, l.product_id, l.sku, p.weight_g from orders o
                  join order_line l on l.order_id = o.id join product p on p.id = l.product_id
                 where o.status = 'PICKED' and o.units = 1 and l.product_id = any(?)
                   and not exists (select 1 from shipment sh where sh.order_id = o.id and sh.status <> 'VOID')
                 order by order_deadline(o.ship_by, o.carrier), o.priority desc, o.id
                 limit 1 for update of o skip locked""")) {
            ps.setArray(1, Sql.longs(c, products));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return PackView.Answer.reject("NO_ORDER_WAITS", "No picked order waits for " + code + ": put it aside");
                orderId = rs.getLong(1); productId = rs.getLong(2); sku = rs.getString(3); weight = rs.getInt(4);
            }
        }
        long shipment = shipments.write(c, station, orderId, List.of(new ShipmentWriter.Item(productId, sku, 1, weight)),
                packer, null, station.defaultCarton());
        ShipmentWriter.orderPacked(c, orderId, packer);
        return new PackView.Answer("ACCEPTED", null, "Order " + orderId + " packed: " + ShipmentWriter.labelWhere(c, station),
                queries.view(c, station.code(), orderId), shipment);
    }

}
