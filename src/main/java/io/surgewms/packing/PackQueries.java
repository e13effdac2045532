package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads for packing: stations, open sessions, and the station's view of an order. */
@ApplicationScoped
public class PackQueries {

    @Inject AgroalDataSource db;

    record Station(String code, String kind, String printerHost, Integer printerPort, int dpi, String defaultCarton) {}

    record Session(long id, long orderId) {}

    static Station station(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select code, kind, printer_host, printer_port, label_dpi, default_carton from pack_station where code = ? and active")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No pack station " + code);
                int port = rs.getInt(4);
                return new Station(rs.getString(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : port, rs.getInt(5), rs.getString(6));
            }
        }
    }

    static Long openOrder(Connection c, String station) throws SQLException {
        Session s = session(c, station);
        return s == null ? null : s.orderId();
    }

    /** The station's open session, locked: scans at one station are handled one at a time. */
    static Session session(Connection c, String station) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id, order_id from pack_session where station = ? and status = 'OPEN' for update")) {
            ps.setString(1, station);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? new Session(rs.getLong(1), rs.getLong(2)) : null; }
        }
    }

    static String orderStatus(Connection c, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status from orders where id = ? for update")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No order " + orderId);
                return rs.getString(1);
            }
        }
    }

    /** The order's product a scanned code names (barcode or SKU), or null. */
    static Long productOnOrder(Connection c, long orderId, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select l.product_id from order_line l
                 where l.order_id = ? and (l.sku = ? or exists (select 1 from product_barcode b where b.product_id = l.product_id and b.barcode = ?))
                 limit 1""")) {
            ps.setLong(1, orderId);
            ps.setString(2, code);
            ps.setString(3, code);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }

    /** Units of a product still to go into a parcel: ordered − in closed parcels − scanned now. */
    static int remaining(Connection c, Session s, long productId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select (select coalesce(sum(quantity), 0) from order_line where order_id = ? and product_id = ?)
                     - (select coalesce(sum(sl.quantity), 0) from shipment_line sl join shipment sh on sh.id = sl.shipment_id
                         where sh.order_id = ? and sl.product_id = ? and sh.status <> 'VOID')
                     - (select coalesce(sum(quantity), 0) from pack_item where session_id = ? and product_id = ?)""")) {
            ps.setLong(1, s.orderId());
            ps.setLong(2, productId);
            ps.setLong(3, s.orderId());
            ps.setLong(4, productId);
            ps.setLong(5, s.id());
            ps.setLong(6, productId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getInt(1); }
        }
    }

    /** A station as the API shows it, with the order open there (if any). */
    public record StationView(String code, String kind, String printerHost, Integer printerPort, int labelDpi,
                              String defaultCarton, PackView openOrder) {}

    public StationView stationView(String code) {
        try (Connection c = db.getConnection()) {
            Station s = station(c, code);
            Session open = session(c, code);
            return new StationView(s.code(), s.kind(), s.printerHost(), s.printerPort(), s.dpi(), s.defaultCarton(),
                    open == null ? null : view(c, code, open.orderId()));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The order open at a station, or null. */
    public Long openOrder(String station) {
        try (Connection c = db.getConnection()) {
            station(c, station);
            return openOrder(c, station);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public PackView view(String station, long orderId) {
        try (Connection c = db.getConnection()) {
            return view(c, station, orderId);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    PackView view(Connection c, String station, long orderId) throws SQLException {
        String ext, shop, status;
        try (PreparedStatement ps = c.prepareStatement(
                "select o.external_id, s.code, o.status from orders o join shop s on s.id = o.shop_id where o.id = ?")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No order " + orderId);
                ext = rs.getString(1); shop = rs.getString(2); status = rs.getString(3);
            }
        }
        List<PackView.Line> lines = new ArrayList<>();
        long volume = 0;
        int weight = 0;
        int[] largest = {0, 0, 0};
        try (PreparedStatement ps = c.prepareStatement("""
                select l.sku, p.name, sum(l.quantity)::int,
                       (select coalesce(sum(sl.quantity), 0) from shipment_line sl join shipment sh on sh.id = sl.shipment_id
                         where sh.order_id = l.order_id and sl.product_id = l.product_id and sh.status <> 'VOID')::int,
                       (select coalesce(sum(pi.quantity), 0) from pack_item pi join pack_session ps on ps.id = pi.session_id
                         where ps.order_id = l.order_id and ps.status = 'OPEN' and pi.product_id = l.product_id)::int,
                       p.length_mm, p.width_mm, p.height_mm, p.weight_g
                  from order_line l join product p on p.id = l.product_id
                 where l.order_id = ? group by l.order_id, l.product_id, l.sku, p.name, p.length_mm, p.width_mm, p.height_mm, p.weight_g
                 order by min(l.line_no)""")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PackView.Line line = new PackView.Line(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5));
                    lines.add(line);
                    int units = line.ordered() - line.packed(); // the parcel still to fill
                    int[] sides = {rs.getInt(6), rs.getInt(7), rs.getInt(8)};
                    Arrays.sort(sides);
                    volume += (long) sides[0] * sides[1] * sides[2] * units;
                    weight += rs.getInt(9) * units;
                    for (int i = 0; i < 3; i++) largest[i] = Math.max(largest[i], sides[i]);
                }
            }
        }
        int parcels;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from shipment where order_id = ? and status <> 'VOID'")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); parcels = rs.getInt(1); }
        }
        String carton = Cartons.suggest(c, new Cartons.Need(volume, largest, weight));
        return new PackView(station, orderId, ext, shop, status, parcels, lines, carton, weight + Cartons.tare(c, carton));
    }

    public record ManifestParcel(long orderId, String externalId, int parcel, String trackingNumber, String sscc, int weightG) {}

    public record ManifestView(long id, String carrier, OffsetDateTime pickupAt, String actor, OffsetDateTime createdAt,
                               int orders, int parcels, int units, List<ManifestParcel> lines) {}

    public ManifestView manifest(long id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select carrier, pickup_at, actor, created_at, orders, parcels, units from manifest where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No manifest " + id);
                List<ManifestParcel> lines = new ArrayList<>();
                try (PreparedStatement ls = c.prepareStatement("""
                        select sh.order_id, o.external_id, sh.parcel_no, sh.tracking_number, sh.sscc, sh.weight_g
                          from shipment sh join orders o on o.id = sh.order_id where sh.manifest_id = ? order by sh.order_id, sh.parcel_no""")) {
                    ls.setLong(1, id);
                    try (ResultSet l = ls.executeQuery()) {
                        while (l.next()) lines.add(new ManifestParcel(l.getLong(1), l.getString(2), l.getInt(3), l.getString(4), l.getString(5), l.getInt(6)));
                    }
                }
                return new ManifestView(id, rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getInt(5), rs.getInt(6), rs.getInt(7), lines);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
