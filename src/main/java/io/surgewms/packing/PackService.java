package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.ScanText;
import io.surgewms.devices.DeviceRuntime;
import io.surgewms.devices.PrintQueue;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The pack station flow: open an order (by tote or order id), verify each unit by scan, close the
 * parcel into a shipment with tracking number and SSCC, and queue its label for the station's
 * printer in the same transaction. An order may leave in several parcels; it is PACKED when the
 * last unit is. Singles stations scan-and-ship instead (see {@link SinglesPacking}).
 */
@ApplicationScoped
public class PackService {

    @Inject AgroalDataSource db;
    @Inject PackQueries queries;
    @Inject ShipmentWriter shipments;
    @Inject DeviceRuntime devices;
    @Inject PrintQueue printQueue;
    @Inject io.surgewms.shipping.ParcelLabels parcelLabels;

    public PackView open(String station, String code, String packer) {
        require(packer, "packer");
        require(code, "code");
        Long orderId = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                if (PackQueries.station(c, station).kind().equals("SINGLES"))
                    throw ProblemException.conflict("Station " + station + " is a singles station: scan items to ship them");
                Long busy = PackQueries.openOrder(c, station);
                if (busy != null) {
                    // The same tote or order again (a retry whose answer was lost, a second scan of it): the parcel in
                    // progress, not a refusal that would leave the station stuck on a session its packer never saw.
                    if (names(c, code.trim(), busy)) return busy;
                    throw ProblemException.conflict("Station " + station + " is packing order " + busy + ": close that parcel first");
                }
                long order = resolveOrder(c, code.trim());
                String status = PackQueries.orderStatus(c, order);
                if (!status.equals("PICKED"))
                    throw ProblemException.conflict("Order " + order + " is " + status + ": only PICKED orders can be packed");
                try (PreparedStatement ps = c.prepareStatement("insert into pack_session (station, order_id, packer) values (?, ?, ?)")) {
                    ps.setString(1, station);
                    ps.setLong(2, order);
                    ps.setString(3, packer);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) throw ProblemException.conflict("Order " + order + " is open at another station");
                    throw e;
                }
                return order;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return queries.view(station, orderId);
    }

    /** One unit scanned into the open parcel: refused when it is not on the order or one too many. */
    public PackView.Answer scan(String station, String code, String packer) {
        return scan(station, code, packer, null);
    }

    /** @param device the serial scanner the scan came from, or null for the station's page */
    public PackView.Answer scan(String station, String code, String packer, String device) {
        require(packer, "packer");
        String clean = ScanText.clean(code);
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                PackQueries.Session s = PackQueries.session(c, station);
                if (s == null) return PackScans.record(c, station, device, packer, clean, null,
                        new PackView.Answer("REJECTED", "NO_ORDER", "Scan a tote or an order first", null, null));
                PackView.Answer a = scanInto(c, s, clean);
                PackView view = queries.view(c, station, s.orderId());
                return PackScans.record(c, station, device, packer, clean, s.orderId(),
                        new PackView.Answer(a.result(), a.reason(), a.message(), view, null));
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    private PackView.Answer scanInto(Connection c, PackQueries.Session s, String code) throws SQLException {
        if (code.isEmpty()) return PackView.Answer.reject("UNREADABLE", "Nothing readable was scanned: scan again");
        if (Gtin.looksLikeGtin(code) && !Gtin.isValid(code)) return PackView.Answer.reject("BAD_CHECK_DIGIT", "Barcode " + code + " has a wrong check digit: scan again");
        Long product = PackQueries.productOnOrder(c, s.orderId(), code);
        if (product == null) return PackView.Answer.reject("WRONG_ITEM", code + " is not on order " + s.orderId() + ": put it aside");
        int remaining = PackQueries.remaining(c, s, product);
        if (remaining <= 0) return PackView.Answer.reject("OVER_PACK", "One too many: every unit of this item is already packed");
        try (PreparedStatement ps = c.prepareStatement("""
                insert into pack_item (session_id, product_id, quantity) values (?, ?, 1)
                on conflict (session_id, product_id) do update set quantity = pack_item.quantity + 1""")) {
            ps.setLong(1, s.id());
            ps.setLong(2, product);
            ps.executeUpdate();
        }
        return new PackView.Answer("ACCEPTED", null, remaining - 1 == 0 ? "Line complete" : (remaining - 1) + " more of this item", null, null);
    }

    /** Closes the open parcel: a shipment, its label queued; the order PACKED when nothing is left. */
    public PackView.Answer close(String station, String packer, Integer weightG, String carton) {
        require(packer, "packer");
        if (weightG != null && weightG < 0) throw ProblemException.invalid("weightG", "must not be negative");
        // No weight typed: the station's scale, if it has one (read before the transaction: a scale may take a moment)
        Integer weight = weightG != null ? weightG : devices.stableGramsAt(station).orElse(null);
        PackView.Answer closed = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                PackQueries.Session s = PackQueries.session(c, station);
                if (s == null) throw ProblemException.conflict("Station " + station + " has no open order");
                ShipmentWriter.Written w = shipments.closeParcel(c, station, s, packer, weight, carton);
                PackView view = queries.view(c, station, s.orderId());
                String where = w.where(ShipmentWriter.stationPrinter(c, PackQueries.station(c, station)));
                return new PackView.Answer("ACCEPTED", w.pending() ? "LABEL_PENDING" : null, "Parcel closed: " + where, view, w.id());
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        printQueue.wake(); // committed: the label may go now, not at the next tick
        if ("LABEL_PENDING".equals(closed.reason())) parcelLabels.pendingCommitted();
        return closed;
    }

    /** Whether the code (a tote, an order id or external id) names this order. */
    private static boolean names(Connection c, String code, long order) throws SQLException {
        try {
            return resolveOrder(c, code) == order;
        } catch (ProblemException notIt) {
            return false;
        }
    }

    /** Tote (its picked order), order id, or the channel's order number. */
    private static long resolveOrder(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select distinct a.order_id from allocation a join stock s on s.id = a.stock_id join location l on l.id = s.location_id
                 where l.code = ? and l.kind = 'TOTE' and a.status = 'PICKED'""")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long order = rs.getLong(1);
                    if (rs.next()) throw ProblemException.conflict("Tote " + code + " holds several orders (a bulk pick): pack it at a singles station");
                    return order;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select id from orders where id = ? or external_id = ? order by id limit 2")) {
            ps.setLong(1, code.matches("\\d{1,18}") ? Long.parseLong(code) : -1);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No tote with picked units and no order " + code);
                long id = rs.getLong(1);
                if (rs.next()) throw ProblemException.conflict(code + " names several orders: scan the tote or the order id");
                return id;
            }
        }
    }


    private static void require(String v, String field) {
        if (v == null || v.isBlank()) throw ProblemException.invalid(field, "required");
    }

}
