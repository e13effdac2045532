package io.surgewms.packing;

import io.surgewms.barcode.Sscc;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import io.surgewms.shipping.ParcelLabels;
import io.surgewms.shipping.own.OwnCarrier;
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
    @Inject OwnCarrier ownCarrier;
    @Inject ParcelLabels parcelLabels;

    record Item(long productId, String sku, int quantity, int weightG) {}

    Written closeParcel(Connection c, String stationCode, PackQueries.Session s, String packer, Integer weightG, String carton) throws SQLException {
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
        Written written = writeParcel(c, station, s.orderId(), items, packer, weightG, box);
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
        return written;
    }

    /** A parcel written: its shipment id and its label (own range, bought ahead, or pending). */
    record Written(long id, ParcelLabels.ForParcel label) {
        boolean pending() {
            return label instanceof ParcelLabels.Pending;
        }

        /** The packer's words for where the label is. */
        String where(StationPrinter printer) {
            return label instanceof ParcelLabels.Pending p ? "label pending, it prints when the carrier answers (" + p.why() + ")" : printer.where();
        }
    }

    /** Writes the shipment with its lines and queues its label; answers the shipment id. */
    long write(Connection c, PackQueries.Station station, long orderId, List<Item> items, String packer, Integer weightG, String carton) throws SQLException {
        return writeParcel(c, station, orderId, items, packer, weightG, carton).id();
    }

    /**
     * Writes the shipment with its lines and its label: the own range's number and Surge's label, the label
     * bought ahead (its tracking number and the provider's label), or, when it is not bought yet, no tracking
     * number and no print job until the buyer has it ("label pending").
     */
    Written writeParcel(Connection c, PackQueries.Station station, long orderId, List<Item> items, String packer, Integer weightG, String carton) throws SQLException {
        if (carton != null) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from carton_type where code = ? and active")) {
                ps.setString(1, carton);
                try (ResultSet rs = ps.executeQuery()) { if (!rs.next()) throw ProblemException.invalid("carton", "unknown carton type '" + carton + "'"); }
            }
        }
        int weight = weightG != null ? weightG : items.stream().mapToInt(i -> i.weightG() * i.quantity()).sum() + Cartons.tare(c, carton);
        String sscc = Sscc.of(0, labels.companyPrefix(), OwnCarrier.next(c, "sscc_serial"));
        StationPrinter printer = stationPrinter(c, station);
        int parcelNo = parcelNo(c, orderId);
        ParcelLabels.ForParcel label = parcelLabels.take(c, orderId, parcelNo, weight, carton, printer.dpi());
        ParcelLabels.Ready ready = label instanceof ParcelLabels.Ready r ? r : null;
        String tracking = ready != null ? ready.tracking() : label instanceof ParcelLabels.Own ? ownCarrier.nextTrackingNumber(c) : null;
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into shipment (order_id, parcel_no, station, carrier, service, tracking_number, sscc, carton, weight_g, packed_by,
                                      label_state, label_provider)
                select o.id, ?, ?, coalesce(?, o.carrier), coalesce(?, o.service), ?, ?, ?, ?, ?, ?, ?
                  from orders o where o.id = ? returning id""")) {
            ps.setInt(1, parcelNo);
            ps.setString(2, station.code());
            ps.setString(3, ready == null ? null : ready.carrier());
            ps.setString(4, ready == null ? null : ready.service());
            ps.setString(5, tracking);
            ps.setString(6, sscc);
            ps.setString(7, carton);
            ps.setInt(8, weight);
            ps.setString(9, packer);
            ps.setString(10, label instanceof ParcelLabels.Pending ? "PENDING" : "READY");
            ps.setString(11, ready == null ? null : ready.provider());
            ps.setLong(12, orderId);
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
        parcelLabels.attach(c, label, id, new ParcelLabels.PrintTo(station.code(), printer.device(),
                printer.device() == null ? station.printerHost() : null, printer.device() == null ? station.printerPort() : null, printer.dpi()));
        if (label instanceof ParcelLabels.Pending) return new Written(id, label);
        // The label goes to the station's printer queue at once (its printer device, else its printer address);
        // without a printer it is held for download.
        byte[] payload = ready != null && ready.zpl() != null ? ready.zpl()
                : labels.zpl(c, id, printer.dpi(), labels.printerFonts(c, printer.device())).getBytes(StandardCharsets.US_ASCII);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into print_job (station, shipment_id, format, payload, printer, printer_host, printer_port, status)
                values (?, ?, 'ZPL', ?, ?, ?, ?, ?)""")) {
            ps.setString(1, station.code());
            ps.setLong(2, id);
            ps.setBytes(3, payload);
            ps.setString(4, printer.device());
            ps.setString(5, printer.device() == null ? station.printerHost() : null);
            ps.setObject(6, printer.device() == null ? station.printerPort() : null);
            ps.setString(7, printer.any() ? "QUEUED" : "HELD");
            ps.executeUpdate();
        }
        return new Written(id, label);
    }

    private static int parcelNo(Connection c, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) + 1 from shipment where order_id = ?")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getInt(1); }
        }
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
