package io.surgewms.packing;

import io.surgewms.barcode.Sscc;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns packed units into a shipment: tracking number, SSCC, weight, carton, its lines, and the
 * label in the print queue, all in the caller's transaction, so a parcel never exists without its
 * label job and a label job never exists without its parcel.
 */
@ApplicationScoped
public class ShipmentWriter {

    @Inject ShipmentLabels labels;
    @Inject PackQueries queries;
    @Inject Instance<Carrier> carriers;
    @Inject OwnCarrier ownCarrier;

    record Item(long productId, String sku, int quantity, int weightG) {}

    long closeParcel(Connection c, String stationCode, PackQueries.Session s, String packer, Integer weightG, String carton) throws SQLException {
        PackQueries.Station station = PackQueries.station(c, stationCode);
        List<Item> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select pi.product_id, p.sku, pi.quantity, p.weight_g from pack_item pi join product p on p.id = pi.product_id
                 where pi.session_id = ? order by p.sku""")) {
            ps.setLong(1, s.id());
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) items.add(new Item(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4))); }
        }
        if (items.isEmpty()) throw ProblemException.conflict("Nothing scanned into this parcel yet");
        String box = carton != null ? carton : queries.view(c, stationCode, s.orderId()).suggestedCarton();
        long id = write(c, station, s.orderId(), items, packer, weightG, box);
        try (PreparedStatement ps = c.prepareStatement("delete from pack_item where session_id = ?")) {
            ps.setLong(1, s.id());
            ps.executeUpdate();
        }
        if (orderPacked(c, s.orderId(), packer)) {
            try (PreparedStatement ps = c.prepareStatement("update pack_session set status = 'CLOSED', closed_at = now() where id = ?")) {
                ps.setLong(1, s.id());
                ps.executeUpdate();
            }
        }
        return id;
    }

    /** Writes the shipment with its lines and queues its label; answers the shipment id. */
    long write(Connection c, PackQueries.Station station, long orderId, List<Item> items, String packer, Integer weightG, String carton) throws SQLException {
        if (carton != null) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from carton_type where code = ? and active")) {
                ps.setString(1, carton);
                try (ResultSet rs = ps.executeQuery()) { if (!rs.next()) throw ProblemException.invalid("carton", "unknown carton type '" + carton + "'"); }
            }
        }
        int weight = weightG != null ? weightG : items.stream().mapToInt(i -> i.weightG() * i.quantity()).sum() + Cartons.tare(c, carton);
        String sscc = Sscc.of(0, labels.companyPrefix(), OwnCarrier.next(c, "sscc_serial"));
        String tracking = carrierFor(orderCarrier(c, orderId)).nextTrackingNumber(c);
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into shipment (order_id, parcel_no, station, carrier, service, tracking_number, sscc, carton, weight_g, packed_by)
                select o.id, (select count(*) + 1 from shipment x where x.order_id = o.id), ?, o.carrier, o.service, ?, ?, ?, ?, ?
                  from orders o where o.id = ? returning id""")) {
            ps.setString(1, station.code());
            ps.setString(2, tracking);
            ps.setString(3, sscc);
            ps.setString(4, carton);
            ps.setInt(5, weight);
            ps.setString(6, packer);
            ps.setLong(7, orderId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); id = rs.getLong(1); }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into shipment_line (shipment_id, product_id, sku, quantity) values (?, ?, ?, ?)")) {
            for (Item i : items) {
                ps.setLong(1, id);
                ps.setLong(2, i.productId());
                ps.setString(3, i.sku());
                ps.setInt(4, i.quantity());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // The label goes to the station's printer queue at once (its printer device, else its printer address);
        // without a printer it is held for download.
        StationPrinter printer = stationPrinter(c, station);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into print_job (station, shipment_id, format, payload, printer, printer_host, printer_port, status)
                values (?, ?, 'ZPL', ?, ?, ?, ?, ?)""")) {
            ps.setString(1, station.code());
            ps.setLong(2, id);
            ps.setBytes(3, labels.zpl(c, id, printer.dpi()).getBytes(StandardCharsets.US_ASCII));
            ps.setString(4, printer.device());
            ps.setString(5, printer.device() == null ? station.printerHost() : null);
            ps.setObject(6, printer.device() == null ? station.printerPort() : null);
            ps.setString(7, printer.any() ? "QUEUED" : "HELD");
            ps.executeUpdate();
        }
        return id;
    }

    private static String orderCarrier(Connection c, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select carrier from orders where id = ?")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getString(1); }
        }
    }

    /** The first carrier (other than the own account) that serves the order's carrier code, else the own account. */
    private volatile Boolean ownOnly;

    /** Whether every carrier code is served by the own-account carrier (no cloud carrier is deployed). */
    boolean ownCarrierOnly() {
        Boolean o = ownOnly;
        if (o == null) ownOnly = o = carriers.stream().allMatch(c -> c instanceof OwnCarrier);
        return o;
    }

    Carrier carrierFor(String code) {
        for (Carrier carrier : carriers) if (!(carrier instanceof OwnCarrier) && carrier.serves(code)) return carrier;
        return ownCarrier;
    }

    /** The station's enabled printer device (its dpi from options.dpi, else the station's), or its printer address. */
    record StationPrinter(String device, boolean address, int dpi) {
        boolean any() { return device != null || address; }

        /** Where the label went, in the packer's words. */
        String where() {
            return device != null ? "label sent to printer " + device
                    : address ? "label sent to the printer" : "label ready to download (this station has no printer)";
        }
    }

    static StationPrinter stationPrinter(Connection c, PackQueries.Station station) throws SQLException {
        boolean address = station.printerHost() != null && station.printerPort() != null;
        try (PreparedStatement ps = c.prepareStatement("""
                select name, case when options->>'dpi' in ('203','300') then (options->>'dpi')::int end from device
                 where station = ? and kind = 'PRINTER' and enabled order by name limit 1""")) {
            ps.setString(1, station.code());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new StationPrinter(null, address, station.dpi());
                String name = rs.getString(1);
                int dpi = rs.getInt(2);
                boolean noDpi = rs.wasNull(); // read right after getInt: a printer without options.dpi takes the station's
                return new StationPrinter(name, address, noDpi ? station.dpi() : dpi);
            }
        }
    }

    /** Where the label went, in the packer's words. */
    static String labelWhere(Connection c, PackQueries.Station station) throws SQLException {
        return stationPrinter(c, station).where();
    }

    /** PACKED when every ordered unit is in a parcel; answers whether it is. */
    static boolean orderPacked(Connection c, long orderId, String packer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update orders o set status = 'PACKED', updated_at = now()
                 where o.id = ? and o.status = 'PICKED'
                   and (select coalesce(sum(quantity), 0) from order_line where order_id = o.id)
                     = (select coalesce(sum(sl.quantity), 0) from shipment_line sl join shipment sh on sh.id = sl.shipment_id
                         where sh.order_id = o.id and sh.status <> 'VOID')
                returning id""")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) { if (!rs.next()) return false; }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into order_event (order_id, from_status, to_status, actor, note) values (?, 'PICKED', 'PACKED', ?, 'all units in parcels')")) {
            ps.setLong(1, orderId);
            ps.setString(2, "packer:" + packer);
            ps.executeUpdate();
        }
        return true;
    }
}
