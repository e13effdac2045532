package io.surgewms.devices.print;

import io.surgewms.testsupport.Floor;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Registers printer devices and queues label jobs straight in the database, as the registry and packing do. */
public final class Printers {

    private Printers() {
    }

    private static final List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A fresh device name, remembered so {@link #retire()} can switch it off after the test. */
    public static String name(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        CREATED.add(name);
        return name;
    }

    /**
     * Disables the printers made so far and fails their waiting jobs: a fake printer's port is free
     * once the test ends, and the queue and the status poller must not keep knocking on it while later
     * tests run fake printers that may get the same ephemeral port.
     */
    public static void retire() {
        for (String name : CREATED) {
            Floor.sql("update device set enabled = false where name = ?", name);
            Floor.sql("update print_job set status = 'FAILED', last_error = 'test over' where printer = ? and status = 'QUEUED'", name);
        }
        CREATED.clear();
    }

    public static String tcp(String prefix, String host, int port, boolean status) {
        String name = name(prefix);
        Floor.sql("insert into device (name, kind, connection, host, tcp_port, options) values (?, 'PRINTER', 'TCP', ?, ?, ?::jsonb)",
                name, host, port, "{\"dpi\": 203, \"status\": " + status + "}");
        return name;
    }

    public static String serial(String prefix, String port) {
        String name = name(prefix);
        Floor.sql("insert into device (name, kind, connection, port, baud, data_bits, parity, stop_bits) values (?, 'PRINTER', 'SERIAL', ?, 9600, 8, 'NONE', '1')",
                name, port);
        return name;
    }

    public static byte[] label(String printer, int n) {
        return ("^XA^FO50,50^A0N,40,40^FD" + printer + " label " + n + "^FS^XZ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Queues a ZPL job for a printer device like ShipmentWriter does (without a parcel); answers its id. */
    public static long queue(String printer, byte[] payload) {
        return insert(printer, payload, false, null);
    }

    /**
     * Queues a job as an instance killed mid-send leaves it: QUEUED, in flight since now, with the
     * printer's label count read before that send (null: it had none; nothing was in its buffer).
     */
    public static long queueInFlight(String printer, byte[] payload, Long countBefore) {
        return insert(printer, payload, true, countBefore);
    }

    private static long insert(String printer, byte[] payload, boolean inFlight, Long countBefore) {
        try (Connection c = Floor.connect(); PreparedStatement ps = c.prepareStatement("""
                insert into print_job (station, format, payload, printer, status, sending_since, printer_count_before, printer_buffered_before)
                values ('TEST', 'ZPL', ?, ?, 'QUEUED', case when ? then now() end, ?, case when ?::bigint is not null then 0 end)
                returning id""")) {
            ps.setBytes(1, payload);
            ps.setString(2, printer);
            ps.setBoolean(3, inFlight);
            ps.setObject(4, countBefore, java.sql.Types.BIGINT);
            ps.setObject(5, countBefore, java.sql.Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<byte[]> queue(String printer, int count) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            byte[] p = label(printer, i);
            queue(printer, p);
            payloads.add(p);
        }
        return payloads;
    }

    /** The first column of the first row as a number (counts, ids). */
    public static long count(String sql, Object... args) {
        try (Connection c = Floor.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The printer's state in device_status, or null without a row. */
    public static String state(String printer) {
        try (Connection c = Floor.connect(); PreparedStatement ps = c.prepareStatement("select state from device_status where name = ?")) {
            ps.setString(1, printer);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getString(1) : null; }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until true; false when the timeout ran out first. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(50);
        }
        return true;
    }
}
