package io.surgewms.returns;

import io.agroal.api.AgroalDataSource;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.ScanText;
import io.surgewms.inventory.InventoryService;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import io.surgewms.returns.ReturnRequests.Rma;
import io.surgewms.returns.ReturnRequests.UnitAnswer;
import io.surgewms.returns.ReturnRequests.UnitScan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The returns station: each unit that comes out of the customer's parcel is scanned and given its fate.
 * RESTOCK books it into the scanned pick-face or reserve bin (sellable again, offered to backorders at
 * once), QUARANTINE into a quarantine bin (counted, never sold), SCRAP only on the unit. A unit the RMA
 * does not expect is taken too, flagged unexpected. Every scan is recorded, accepted or rejected, and a
 * rejected one changes nothing else.
 */
@ApplicationScoped
public class ReturnDesk {

    @Inject AgroalDataSource db;
    @Inject InventoryService inventory;

    /** Where a returns station's scans are recorded when no bin was scanned. */
    static final String STATION = "RETURNS";

    private record Place(long id, String code, String kind, boolean active) {}

    public UnitAnswer receive(long rmaId, UnitScan s, String actor) {
        if (s == null) throw ProblemException.invalid("code", "required");
        if (s.disposition() == null || !ReturnRequests.DISPOSITIONS.contains(s.disposition()))
            throw ProblemException.invalid("disposition", "RESTOCK, QUARANTINE or SCRAP");
        String code = ScanText.clean(s.code());
        String bin = s.location() == null ? null : ScanText.clean(s.location());
        if (bin != null && bin.isEmpty()) bin = null;
        String where = bin;
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                String[] head = lockRma(c, rmaId);  // status, code, order id, shop id
                UnitAnswer a = take(c, rmaId, head, code, where, s, actor);
                Rma after = ReturnQueries.view(c, rmaId);
                a = new UnitAnswer(a.result(), a.reason(), a.message(), a.unit() == null ? null : after.units().get(after.units().size() - 1), after);
                record(c, s.device(), actor, where, code, head[1], a);
                return a;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    private UnitAnswer take(Connection c, long rmaId, String[] head, String code, String bin, UnitScan s, String actor) throws SQLException {
        if (!receivable(head[0])) return UnitAnswer.reject("RMA_CLOSED", "Return " + head[1] + " is " + head[0] + ": nothing more can be received on it", null);
        if (code.isEmpty()) return UnitAnswer.reject("UNREADABLE", "Nothing readable was scanned: scan the item again", null);
        if (Gtin.looksLikeGtin(code) && !Gtin.isValid(code))
            return UnitAnswer.reject("BAD_CHECK_DIGIT", "Barcode " + code + " has a wrong check digit: scan again", null);
        long orderId = Long.parseLong(head[2]), shopId = Long.parseLong(head[3]);
        Long product = product(c, shopId, code);
        String disposition = s.disposition();
        Place place = null;
        if (disposition.equals("RESTOCK")) {
            if (product == null) return UnitAnswer.reject("UNKNOWN_ITEM", code + " is no product of this shop: it cannot go back to stock; quarantine or scrap it", null);
            if (bin == null) return UnitAnswer.reject("LOCATION_REQUIRED", "Scan the bin the unit goes back to", null);
            place = place(c, bin);
            if (place == null) return UnitAnswer.reject("UNKNOWN_LOCATION", bin + " is no location: scan the bin's label", null);
            if (!place.active || !(place.kind.equals("PICK_FACE") || place.kind.equals("RESERVE")))
                return UnitAnswer.reject("NOT_SELLABLE_LOCATION", bin + " is a " + place.kind + (place.active ? "" : " (inactive)")
                        + " location: restock into a pick face or reserve bin", null);
        } else if (disposition.equals("QUARANTINE")) {
            place = bin != null ? place(c, bin) : defaultQuarantine(c);
            if (place == null) return UnitAnswer.reject(bin != null ? "UNKNOWN_LOCATION" : "NO_QUARANTINE_LOCATION",
                    bin != null ? bin + " is no location: scan the bin's label" : "No quarantine location exists: create a location of kind QUARANTINE", null);
            if (!place.kind.equals("QUARANTINE") || !place.active)
                return UnitAnswer.reject("NOT_QUARANTINE_LOCATION", bin + " is a " + place.kind + " location: quarantine goes to a QUARANTINE location", null);
        } else if (bin != null) {
            place = place(c, bin); // a scrapped unit may name where it was dropped (a scrap cage); nothing is booked there
        }

        // Which line it belongs to, and whether that line still expects it (a unit beyond the quantity is unexpected).
        Long lineId = null;
        boolean expected = false;
        if (product != null) {
            try (PreparedStatement ps = c.prepareStatement("select id, received < quantity from rma_line where rma_id = ? and product_id = ?")) {
                ps.setLong(1, rmaId);
                ps.setLong(2, product);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) { lineId = rs.getLong(1); expected = rs.getBoolean(2); }
                }
            }
        }
        if (expected) {
            try (PreparedStatement ps = c.prepareStatement("update rma_line set received = received + 1 where id = ?")) {
                ps.setLong(1, lineId);
                ps.executeUpdate();
            }
        }
        Long stockId = null;
        String ref = "rma:" + head[1];
        if (product != null && place != null && !disposition.equals("SCRAP"))
            stockId = inventory.bookReturn(c, product, place.id, orderId, ref, actor, disposition + (s.note() == null ? "" : ": " + s.note()));
        try (PreparedStatement ps = c.prepareStatement("""
                insert into rma_unit (rma_id, line_id, product_id, code, unexpected, disposition, location_id, stock_id, note, photo_ref, actor)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            Object[] args = {rmaId, lineId, product, code, !expected, disposition, place == null ? null : place.id, stockId,
                    blank(s.note()), blank(s.photoRef()), actor};
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update rma set status = 'RECEIVED', received_at = coalesce(received_at, now()) where id = ?")) {
            ps.setLong(1, rmaId);
            ps.executeUpdate();
        }
        String what = switch (disposition) {
            case "RESTOCK" -> "restocked at " + place.code;
            case "QUARANTINE" -> "quarantined at " + place.code;
            default -> "scrapped";
        };
        return new UnitAnswer("ACCEPTED", expected ? null : "UNEXPECTED",
                (expected ? code + " " : "Unexpected item " + code + " (not on " + head[1] + (lineId != null ? " beyond its quantity" : "") + "): ") + what,
                new ReturnRequests.Unit(0, null, code, !expected, disposition, null, null, null, actor, null), null);
    }

    /** Locks the RMA row (every change of one return queues behind it) and answers {status, code, order id, shop id}. */
    static String[] lockRma(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status, code, order_id, shop_id from rma where id = ? for update")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No return " + id);
                return new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
            }
        }
    }

    static boolean receivable(String status) {
        return status.equals("OPEN") || status.equals("RECEIVED");
    }

    /** The shop's product this code names: its SKU or one of its barcodes (another shop's products are unknown here). */
    private static Long product(Connection c, long shopId, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select id from product where shop_id = ? and sku = ?
                union all select product_id from product_barcode where shop_id = ? and barcode = ? limit 1""")) {
            ps.setLong(1, shopId);
            ps.setString(2, code);
            ps.setLong(3, shopId);
            ps.setString(4, code);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }

    private static Place place(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, code, kind, active from location where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Place(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)) : null;
            }
        }
    }

    /** With no bin scanned, quarantine goes to the first active quarantine location. */
    private static Place defaultQuarantine(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, code, kind, active from location where kind = 'QUARANTINE' and active order by id limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Place(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)) : null;
        }
    }

    /** Invariant 5: the scan, accepted or rejected, in the floor's one scan table. */
    private static void record(Connection c, String device, String actor, String bin, String code, String rmaCode, UnitAnswer a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into scan (device, actor, location, code, expected, result, reason, message) values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, device == null || device.isBlank() ? "station:" + STATION : device);
            ps.setString(2, actor);
            ps.setString(3, bin != null ? (bin.length() > 200 ? bin.substring(0, 200) : bin) : STATION);
            ps.setString(4, code.length() > 200 ? code.substring(0, 200) : code);
            ps.setString(5, "ITEM of " + rmaCode);
            ps.setString(6, a.result());
            ps.setString(7, a.reason());
            ps.setString(8, a.message());
            ps.executeUpdate();
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
