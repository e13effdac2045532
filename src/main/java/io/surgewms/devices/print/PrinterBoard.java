package io.surgewms.devices.print;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.devices.printer.PrinterStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the floor sees of a printer device in {@code device_status}: ONLINE when its last ~HS said
 * ready, ERROR with the problem words (paper out, head open, paused, ...) as last_error, OFFLINE when
 * it could not be reached; and counters of the jobs sent and the sends that failed. Upserts keyed by
 * device name, in the caller's connection.
 */
public final class PrinterBoard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrinterBoard() {
    }

    public static String instance() {
        String host = System.getenv("HOSTNAME");
        return host != null ? host : ProcessHandle.current().pid() + "";
    }

    /** The printer answered ~HS: ONLINE when ready, else ERROR with its problems. */
    public static void answered(Connection c, String device, PrinterStatus s) throws SQLException {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("paperOut", s.paperOut());
        detail.put("headOpen", s.headOpen());
        detail.put("paused", s.paused());
        detail.put("ribbonOut", s.ribbonOut());
        detail.put("bufferFull", s.bufferFull());
        detail.put("formatsInBuffer", s.formatsInBuffer());
        detail.put("labelsRemaining", s.labelsRemaining());
        detail.put("problems", s.problems());
        String error = s.ready() ? null : String.join(", ", s.problems());
        write(c, device, s.ready() ? "ONLINE" : "ERROR", true, error, json(detail));
    }

    /** Connect failed: the printer is off or away. */
    public static void offline(Connection c, String device, String error) throws SQLException {
        write(c, device, "OFFLINE", false, error, null);
    }

    /** Connected but no usable answer (silent, hung, garbled): ERROR, seen on the network. */
    public static void silent(Connection c, String device, String error) throws SQLException {
        write(c, device, "ERROR", true, error, null);
    }

    /** The state before this write, to see a printer come back. */
    public static String state(Connection c, String device) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select state from device_status where name = ?")) {
            ps.setString(1, device);
            try (var rs = ps.executeQuery()) { return rs.next() ? rs.getString(1) : null; }
        }
    }

    private static void write(Connection c, String device, String state, boolean seen, String error, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into device_status as d (name, state, last_seen, last_error, error_at, detail, instance, updated_at)
                values (?, ?, case when ? then now() end, ?, case when ?::text is null then null else now() end, coalesce(?::jsonb, '{}'), ?, now())
                on conflict (name) do update set state = excluded.state,
                       last_seen = coalesce(excluded.last_seen, d.last_seen), last_error = excluded.last_error,
                       error_at = coalesce(excluded.error_at, d.error_at),
                       detail = case when ?::jsonb is null then d.detail else excluded.detail end,
                       instance = excluded.instance, updated_at = now()""")) {
            ps.setString(1, device);
            ps.setString(2, state);
            ps.setBoolean(3, seen);
            ps.setString(4, error);
            ps.setString(5, error);
            ps.setString(6, detail);
            ps.setString(7, instance());
            ps.setString(8, detail);
            ps.executeUpdate();
        }
    }

    /** Counts a job sent (jobsSent, lastJobAt) or a send that failed (jobsFailed). */
    public static void counted(Connection c, String device, boolean sent) throws SQLException {
        String counter = sent ? "jobsSent" : "jobsFailed";
        try (PreparedStatement ps = c.prepareStatement("""
                insert into device_status as d (name, counters)
                values (?, jsonb_build_object(?::text, 1) || case when ? then jsonb_build_object('lastJobAt', now()) else '{}'::jsonb end)
                on conflict (name) do update set updated_at = now(), counters = d.counters
                    || jsonb_build_object(?::text, coalesce((d.counters->>(?::text))::int, 0) + 1)
                    || case when ? then jsonb_build_object('lastJobAt', now()) else '{}'::jsonb end""")) {
            ps.setString(1, device);
            ps.setString(2, counter);
            ps.setBoolean(3, sent);
            ps.setString(4, counter);
            ps.setString(5, counter);
            ps.setBoolean(6, sent);
            ps.executeUpdate();
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            return "{}";
        }
    }
}
