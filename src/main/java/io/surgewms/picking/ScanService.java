package io.surgewms.picking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agroal.api.AgroalDataSource;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.LocationCode;
import io.surgewms.barcode.ScanText;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.ScanLatency;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The scan protocol of a pick task. The server knows what comes next at the current stop —
 * the bin, then the item (once per unit, or once and then the quantity), then the tote — and
 * answers each scan ACCEPTED or REJECTED with a reason code and a short message for the picker.
 * Every scan is recorded, whatever its result (invariant 5).
 */
@ApplicationScoped
public class ScanService {

    @Inject AgroalDataSource db;
    @Inject ScanLatency latency;

    public record Scan(String picker, String device, Long taskId, String code) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String result, String reason, String message, String expect, TaskView task) {
        boolean accepted() { return result.equals("ACCEPTED"); }
    }

    /** Where the picker stands in the task, read under the task's lock. */
    record Current(long taskId, String status, String picker, long stopId, int seq, long locationId, String location,
                   long productId, String sku, String name, int quantity, int picked, long toteId, String tote, String phase) {}

    public Answer scan(Scan s) {
        return latency.time(ScanLatency.Source.PICK, () -> handle(s), Answer::accepted);
    }

    /** A scan from a serial scanner that serves the picker, timed from its last byte. */
    Answer scanFromSerial(Scan s, long arrivedNanos) {
        return latency.time(ScanLatency.Source.SERIAL, arrivedNanos, () -> handle(s), Answer::accepted);
    }

    private Answer handle(Scan s) {
        if (s.picker() == null || s.picker().isBlank()) throw ProblemException.invalid("picker", "required");
        if (s.code() == null) throw ProblemException.invalid("code", "required");
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Long taskId = s.taskId() != null ? s.taskId() : TaskService.current(c, s.picker());
                if (taskId == null) return record(c, s, null, reject("NO_TASK", "No task: claim one first", "CLAIM"), null);
                Current cur = current(c, taskId);
                Answer a = decide(c, s, cur);
                return record(c, s, cur, a, taskId);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    private Answer decide(Connection c, Scan s, Current cur) throws SQLException {
        String code = ScanText.clean(s.code());
        if (cur == null) return reject("TASK_DONE", "This task is finished", "DONE");
        if (!cur.status().equals("CLAIMED") || !s.picker().equals(cur.picker()))
            return reject("NOT_YOUR_TASK", "Task " + cur.taskId() + " is not yours (" + cur.status() + ")", cur.phase());
        heartbeat(c, cur.taskId());
        if (code.isEmpty()) return reject("UNREADABLE", "Nothing readable was scanned: scan again", cur.phase());
        if (Gtin.looksLikeGtin(code) && !Gtin.isValid(code))
            return reject("BAD_CHECK_DIGIT", "Barcode " + code + " has a wrong check digit: scan again", cur.phase());
        switch (cur.phase()) {
            case "LOCATION" -> {
                if (!code.equalsIgnoreCase(cur.location())) {
                    if (isItem(c, cur.productId(), code, cur.sku()))
                        return reject("SCAN_BIN_FIRST", "Scan the bin " + cur.location() + " first, then the item", "LOCATION");
                    if (!LocationCode.isPlausibleLocation(code))
                        return reject("NOT_A_BIN", code + " is not a bin label: scan the bin " + cur.location(), "LOCATION");
                    return reject("WRONG_LOCATION", "Wrong bin " + code + ": go to " + cur.location(), "LOCATION");
                }
                setPhase(c, cur.stopId(), "ITEM", cur.picked());
                return accept("Take " + cur.quantity() + " × " + cur.sku(), "ITEM");
            }
            case "ITEM" -> {
                if (isItem(c, cur.productId(), code, cur.sku())) {
                    if (cur.picked() >= cur.quantity())
                        return reject("OVER_PICK", "Too many: only " + cur.quantity() + " to take here", "TOTE");
                    int picked = cur.picked() + 1;
                    boolean full = picked == cur.quantity();
                    setPhase(c, cur.stopId(), full ? "TOTE" : "ITEM", picked);
                    return accept(full ? "Put " + picked + " in " + cur.tote() : picked + " of " + cur.quantity(), full ? "TOTE" : "ITEM");
                }
                if (code.matches("\\d{1,4}")) { // the quantity keyed in after one item scan
                    int n = Integer.parseInt(code);
                    if (cur.picked() == 0) return reject("SCAN_ITEM_FIRST", "Scan the item first, then key the quantity", "ITEM");
                    if (n > cur.quantity()) return reject("OVER_PICK", "Too many: only " + cur.quantity() + " to take here", "ITEM");
                    if (n < 1) return reject("BAD_QUANTITY", "Quantity must be at least 1", "ITEM");
                    boolean full = n == cur.quantity();
                    setPhase(c, cur.stopId(), full ? "TOTE" : "ITEM", n);
                    return accept(full ? "Put " + n + " in " + cur.tote() : n + " of " + cur.quantity() + ": report short if no more", full ? "TOTE" : "ITEM");
                }
                return reject("WRONG_ITEM", "Wrong item " + code + ": take " + cur.sku() + " " + cur.name(), "ITEM");
            }
            case "TOTE" -> {
                if (isItem(c, cur.productId(), code, cur.sku()))
                    return reject("OVER_PICK", "Too many: only " + cur.quantity() + " to take here", "TOTE");
                if (!code.equalsIgnoreCase(cur.tote()))
                    return reject("WRONG_TOTE", "Wrong tote " + code + ": put them in " + cur.tote(), "TOTE");
                StopCompletion.complete(c, cur.stopId(), s.picker());
                Current next = current(c, cur.taskId());
                return accept(next == null ? "Task done" : "Next: " + next.location(), next == null ? "DONE" : next.phase());
            }
            default -> throw new IllegalStateException("stop in phase " + cur.phase());
        }
    }

    /** Locks the task and reads its first unfinished stop; null when every stop is finished. */
    static Current current(Connection c, long taskId) throws SQLException {
        String status, picker;
        try (PreparedStatement ps = c.prepareStatement("select status, picker from pick_task where id = ? for update")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No pick task " + taskId);
                status = rs.getString(1);
                picker = rs.getString(2);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select s.id, s.seq, s.location_id, l.code, s.product_id, s.sku, p.name, s.quantity, s.picked, s.tote_id, t.code, s.phase
                  from pick_stop s join location l on l.id = s.location_id join location t on t.id = s.tote_id
                  join product p on p.id = s.product_id
                 where s.task_id = ? and s.phase in ('LOCATION','ITEM','TOTE') order by s.seq, s.id limit 1""")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new Current(taskId, status, picker, rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getLong(10), rs.getString(11), rs.getString(12));
            }
        }
    }

    /** A product's own barcodes, or its SKU printed as a code. */
    private static boolean isItem(Connection c, long productId, String code, String sku) throws SQLException {
        if (code.equals(sku)) return true;
        try (PreparedStatement ps = c.prepareStatement("select 1 from product_barcode where product_id = ? and barcode = ?")) {
            ps.setLong(1, productId);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
        }
    }

    static void setPhase(Connection c, long stopId, String phase, int picked) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update pick_stop set phase = ?, picked = ? where id = ?")) {
            ps.setString(1, phase);
            ps.setInt(2, picked);
            ps.setLong(3, stopId);
            ps.executeUpdate();
        }
    }

    private static void heartbeat(Connection c, long taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update pick_task set heartbeat_at = now() where id = ?")) {
            ps.setLong(1, taskId);
            ps.executeUpdate();
        }
    }

    private Answer record(Connection c, Scan s, Current cur, Answer a, Long taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into scan (device, actor, task_id, stop_id, location, code, expected, result, reason, message)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, s.device());
            ps.setString(2, s.picker());
            ps.setObject(3, taskId);
            ps.setObject(4, cur == null ? null : cur.stopId());
            ps.setString(5, cur == null ? null : cur.location());
            ps.setString(6, s.code().length() > 200 ? s.code().substring(0, 200) : s.code());
            ps.setString(7, cur == null ? null : cur.phase());
            ps.setString(8, a.result());
            ps.setString(9, a.reason());
            ps.setString(10, a.message());
            ps.executeUpdate();
        }
        return taskId == null ? a : new Answer(a.result(), a.reason(), a.message(), a.expect(), TaskService.view(c, taskId));
    }

    private static Answer accept(String message, String expect) { return new Answer("ACCEPTED", null, message, expect, null); }

    private static Answer reject(String reason, String message, String expect) { return new Answer("REJECTED", reason, message, expect, null); }

}
