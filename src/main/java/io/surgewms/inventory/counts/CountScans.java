package io.surgewms.inventory.counts;

import io.agroal.api.AgroalDataSource;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.LocationCode;
import io.surgewms.barcode.ScanText;
import io.surgewms.inventory.counts.CountViews.ScanAnswer;
import io.surgewms.platform.ProblemException;
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
 * The scan protocol of a count: the bin, then every item in it (each unit, or one unit and then the
 * quantity keyed), then {@code DONE}. The counter is never told what the system expects; a wrong scan
 * is REJECTED with a reason and a message. Every scan is recorded, whatever its result (invariant 5).
 */
@ApplicationScoped
public class CountScans {

    public static final String FINISH = "DONE";

    @Inject AgroalDataSource db;
    @Inject CountResults results;

    public record Scan(String counter, String device, String code) {}

    /** A scan's answer and, when it finished the count, what the count booked (for the audit; never shown to the counter). */
    public record Outcome(ScanAnswer answer, CountResults.Result finished) {}

    private record Current(long id, String status, String counter, long locationId, String location, Long productId, String sku,
                           String phase, Long lastProductId) {}

    private record Decision(ScanAnswer answer, CountResults.Result finished) {}

    public Outcome scan(long id, Scan s) {
        if (s.counter() == null || s.counter().isBlank()) throw ProblemException.invalid("counter", "required");
        if (s.code() == null) throw ProblemException.invalid("code", "required");
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Current cur = current(c, id);
                Decision d = decide(c, s, cur);
                record(c, s, cur, d.answer());
                ScanAnswer a = d.answer();
                return new Outcome(new ScanAnswer(a.result(), a.reason(), a.message(), a.expect(), CountTasks.counterView(c, id)), d.finished());
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    /** Finishes the count without a DONE scan (the page's button); the same as scanning DONE. */
    public Outcome finish(long id, String counter) {
        return scan(id, new Scan(counter, null, FINISH));
    }

    private Decision decide(Connection c, Scan s, Current cur) throws SQLException {
        String code = ScanText.clean(s.code());
        if (!cur.status().equals("CLAIMED") || !s.counter().equals(cur.counter()))
            return reject("NOT_YOUR_COUNT", "Count " + cur.id() + " is not yours (" + cur.status() + "): claim a count", "CLAIM");
        if (code.isEmpty()) return reject("UNREADABLE", "Nothing readable was scanned: scan again", cur.phase());
        if (Gtin.looksLikeGtin(code) && !Gtin.isValid(code))
            return reject("BAD_CHECK_DIGIT", "Barcode " + code + " has a wrong check digit: scan again", cur.phase());
        if (cur.phase().equals("LOCATION")) {
            if (code.equalsIgnoreCase(cur.location())) {
                setPhase(c, cur.id(), null);
                return accept("At " + cur.location() + ": scan " + (cur.sku() == null ? "every item" : "every " + cur.sku())
                        + ", then DONE", "ITEM");
            }
            if (code.equalsIgnoreCase(FINISH)) return reject("SCAN_BIN_FIRST", "Scan the bin " + cur.location() + " first", "LOCATION");
            if (!items(c, cur, code).isEmpty())
                return reject("SCAN_BIN_FIRST", "Scan the bin " + cur.location() + " first, then the items", "LOCATION");
            if (!LocationCode.isPlausibleLocation(code))
                return reject("NOT_A_BIN", code + " is not a bin label: scan the bin " + cur.location(), "LOCATION");
            return reject("WRONG_LOCATION", "Wrong bin " + code + ": go to " + cur.location(), "LOCATION");
        }
        // At the bin: items, a keyed quantity, or DONE.
        if (code.equalsIgnoreCase(FINISH)) {
            CountResults.Result r = results.finish(c, cur.id(), s.counter());
            return new Decision(new ScanAnswer("ACCEPTED", null, "Count of " + cur.location() + " finished: thank you", "DONE", null), r);
        }
        if (code.equalsIgnoreCase(cur.location()))
            return reject("BIN_ALREADY_SCANNED", "Already at " + cur.location() + ": scan the items, then DONE", "ITEM");
        List<long[]> found = items(c, cur, code);
        if (found.size() == 1) {
            long product = found.get(0)[0];
            int n = addUnits(c, cur.id(), product, 1, false);
            setPhase(c, cur.id(), product);
            return accept(skuOf(c, product) + ": " + n + " counted", "ITEM");
        }
        if (found.size() > 1) return reject("AMBIGUOUS_ITEM", code + " names several products: scan the item's SKU label", "ITEM");
        if (code.matches("\\d{1,4}")) { // the quantity keyed after scanning one unit
            if (cur.lastProductId() == null) return reject("SCAN_ITEM_FIRST", "Scan the item first, then key the quantity", "ITEM");
            int n = Integer.parseInt(code);
            addUnits(c, cur.id(), cur.lastProductId(), n, true);
            return accept(skuOf(c, cur.lastProductId()) + ": " + n + " counted", "ITEM");
        }
        if (cur.productId() != null && !items(c, new Current(cur.id(), cur.status(), cur.counter(), cur.locationId(), cur.location(), null,
                null, cur.phase(), null), code).isEmpty())
            return reject("WRONG_ITEM", code + " is not " + cur.sku() + ": count only " + cur.sku() + " here, set it aside", "ITEM");
        if (LocationCode.isPlausibleLocation(code) && one(c, "select id from location where code = ?", code) != null)
            return reject("WRONG_LOCATION", code + " is another bin: you are counting " + cur.location(), "ITEM");
        return reject("UNKNOWN_ITEM", code + " is not a known product: set it aside for a supervisor", "ITEM");
    }

    /**
     * Products a code names (a barcode, or a SKU printed as a code): the count's SKU only, when it has one;
     * among several shops' products, those the bin holds win. Each entry is {productId}.
     */
    private static List<long[]> items(Connection c, Current cur, String code) throws SQLException {
        List<long[]> all = new ArrayList<>(), here = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select p.id, exists (select 1 from stock s where s.product_id = p.id and s.location_id = ?)
                  from product p
                 where (p.sku = ? or exists (select 1 from product_barcode b where b.product_id = p.id and b.barcode = ?))
                   and (?::bigint is null or p.id = ?)""")) {
            ps.setLong(1, cur.locationId());
            ps.setString(2, code);
            ps.setString(3, code);
            ps.setObject(4, cur.productId());
            ps.setObject(5, cur.productId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new long[]{rs.getLong(1)});
                    if (rs.getBoolean(2)) here.add(new long[]{rs.getLong(1)});
                }
            }
        }
        return all.size() > 1 && !here.isEmpty() ? here : all;
    }

    /** Adds units (or, keyed, sets the quantity) of a product to the count; answers its tally. */
    private static int addUnits(Connection c, long id, long productId, int n, boolean set) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into count_line (count_task_id, product_id, counted) values (?, ?, ?)
                on conflict (count_task_id, product_id) do update set counted = case when ? then excluded.counted
                                                                                   else count_line.counted + excluded.counted end
                returning counted""")) {
            ps.setLong(1, id);
            ps.setLong(2, productId);
            ps.setInt(3, n);
            ps.setBoolean(4, set);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getInt(1); }
        }
    }

    private static void setPhase(Connection c, long id, Long lastProduct) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update count_task set phase = 'ITEM', last_product_id = ? where id = ?")) {
            ps.setObject(1, lastProduct);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Locks the count task and reads where the counter stands. */
    private static Current current(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select t.status, t.counter, t.location_id, l.code, t.product_id, p.sku, t.phase, t.last_product_id
                  from count_task t join location l on l.id = t.location_id left join product p on p.id = t.product_id
                 where t.id = ? for update of t""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No count task " + id);
                return new Current(id, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), (Long) rs.getObject(5),
                        rs.getString(6), rs.getString(7), (Long) rs.getObject(8));
            }
        }
    }

    private static void record(Connection c, Scan s, Current cur, ScanAnswer a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into scan (device, actor, count_task_id, location, code, expected, result, reason, message)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, s.device());
            ps.setString(2, s.counter());
            ps.setLong(3, cur.id());
            ps.setString(4, cur.location());
            ps.setString(5, s.code().length() > 200 ? s.code().substring(0, 200) : s.code());
            ps.setString(6, cur.phase());
            ps.setString(7, a.result());
            ps.setString(8, a.reason());
            ps.setString(9, a.message());
            ps.executeUpdate();
        }
    }

    private static String skuOf(Connection c, long productId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select sku from product where id = ?")) {
            ps.setLong(1, productId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getString(1); }
        }
    }

    private static Long one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }

    private static Decision accept(String message, String expect) {
        return new Decision(new ScanAnswer("ACCEPTED", null, message, expect, null), null);
    }

    private static Decision reject(String reason, String message, String expect) {
        return new Decision(new ScanAnswer("REJECTED", reason, message, expect, null), null);
    }
}
