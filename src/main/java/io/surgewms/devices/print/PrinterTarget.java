package io.surgewms.devices.print;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.devices.printer.Delivery;
import io.surgewms.devices.printer.LabelCount;
import io.surgewms.devices.printer.PrinterStatus;
import io.surgewms.devices.printer.TcpPrinter;
import io.surgewms.devices.serial.SerialPrinterTransport;
import io.surgewms.devices.serial.SerialSettings;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a label job goes, read from its queue key ({@code print_job.target}): a registered printer
 * device ({@code device:NAME}, TCP or serial) or a station's bare address ({@code tcp:host:port}).
 * A bare address has no profile saying the printer answers {@code ~HS}, so it is sent without status
 * (delivered once the printer closed its side, as before); register the printer as a device to get
 * confirmation by {@code ~HS} and a live status.
 */
public record PrinterTarget(String key, String device, TcpPrinter tcp, SerialSettings serial, String unusable) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static String deviceKey(String name) {
        return "device:" + name;
    }

    /** The target for a key; a missing, disabled or misconfigured device answers a target that says why. */
    public static PrinterTarget load(Connection c, String key) throws SQLException {
        if (key.startsWith("tcp:")) {
            int colon = key.lastIndexOf(':');
            try {
                return new PrinterTarget(key, null, new TcpPrinter(key.substring(4, colon), Integer.parseInt(key.substring(colon + 1))).withoutStatus(), null, null);
            } catch (IllegalArgumentException e) {
                return new PrinterTarget(key, null, null, null, "bad printer address " + key.substring(4) + ": " + e.getMessage());
            }
        }
        String name = key.substring("device:".length());
        try (PreparedStatement ps = c.prepareStatement("""
                select kind, connection, enabled, host, tcp_port, options::text, port, baud, data_bits, parity, stop_bits, flow_control
                  from device where name = ?""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return unusable(key, name, "printer " + name + " is not registered");
                if (!"PRINTER".equals(rs.getString(1))) return unusable(key, name, name + " is a " + rs.getString(1) + ", not a printer");
                if (!rs.getBoolean(3)) return unusable(key, name, "printer " + name + " is disabled");
                JsonNode options = options(rs.getString(6));
                try {
                    return switch (rs.getString(2)) {
                        case "TCP" -> {
                            int port = rs.getInt(5);
                            TcpPrinter p = new TcpPrinter(rs.getString(4), rs.wasNull() ? TcpPrinter.DEFAULT_PORT : port);
                            if (!optionOn(options, "status")) p = p.withoutStatus();
                            else if (!optionOn(options, "counter")) p = p.withoutCounter();
                            yield new PrinterTarget(key, name, p, null, null);
                        }
                        case "SERIAL" -> new PrinterTarget(key, name, null, SerialSettings.fromOptions(serialOptions(rs)), null);
                        default -> unusable(key, name, "printer " + name + " has connection " + rs.getString(2) + ": labels need TCP or SERIAL");
                    };
                } catch (IllegalArgumentException e) {
                    return unusable(key, name, "printer " + name + " is misconfigured: " + e.getMessage());
                }
            }
        }
    }

    private static PrinterTarget unusable(String key, String name, String why) {
        return new PrinterTarget(key, name, null, null, why);
    }

    /**
     * A printer option that is on unless set false: {@code status = false} marks a model that never
     * answers ~HS, {@code counter = false} one whose label counter must not be asked or trusted.
     */
    static boolean optionOn(JsonNode options, String key) {
        JsonNode s = options.get(key);
        return s == null || s.isNull() || s.asBoolean(true);
    }

    static JsonNode options(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Map<String, String> serialOptions(ResultSet rs) throws SQLException {
        Map<String, String> m = new HashMap<>();
        m.put("port", rs.getString(7));
        int baud = rs.getInt(8);
        if (!rs.wasNull()) m.put("baud", String.valueOf(baud));
        int bits = rs.getInt(9);
        if (!rs.wasNull()) m.put("dataBits", String.valueOf(bits));
        if (rs.getString(10) != null) m.put("parity", rs.getString(10));
        if (rs.getString(11) != null) m.put("stopBits", rs.getString(11));
        if (rs.getString(12) != null) m.put("flowControl", rs.getString(12));
        return m;
    }

    /** Whether this printer can be asked {@code ~HS} (TCP with status support). */
    public boolean answersStatus() {
        return tcp != null && tcp.statusSupported();
    }

    /**
     * Whether the printer's label counter can tell if a job sent before a crash arrived: TCP printers
     * that answer ~HS, unless {@code options.counter = false}. Serial printers and bare addresses keep none.
     */
    public boolean keepsCount() {
        return tcp != null && tcp.counterSupported();
    }

    /** Reads the label counter with ~HS; only for {@link #keepsCount()}. */
    public LabelCount labelCount() throws IOException {
        return tcp.labelCount();
    }

    /** Asks ~HS; only for {@link #answersStatus()}. */
    public PrinterStatus status() throws IOException {
        return tcp.status();
    }

    /**
     * Sends the job. A serial port gives no proof of reading, so a send without error counts as
     * WRITTEN, and any error as UNREACHABLE (retried): a write that timed out half way may print twice.
     */
    public Delivery send(byte[] payload, SerialPrinterTransport serialPort) {
        if (unusable != null) return Delivery.unreachable(unusable);
        if (tcp != null) {
            Delivery d = tcp.send(payload);
            if (d.delivered()) return d;
            return new Delivery(d.outcome(), null, (d.outcome() == Delivery.Outcome.UNCONFIRMED ? "unconfirmed: printer " : "printer ") + d.error());
        }
        String error = serialPort.send(serial, payload);
        return error == null ? Delivery.written() : Delivery.unreachable(error);
    }

    /** For messages: the device name, else the address. */
    public String label() {
        return device != null ? device : key.substring(4);
    }
}
