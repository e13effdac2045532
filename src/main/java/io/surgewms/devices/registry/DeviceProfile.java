package io.surgewms.devices.registry;

import io.surgewms.devices.scale.ScaleProtocol;
import io.surgewms.devices.serial.ScanFramer;
import io.surgewms.devices.serial.SerialSettings;
import io.surgewms.platform.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A device as a site describes it: what it is, how it is connected, its protocol options and whom it
 * serves. The same shape comes from a profile file in {@code devices/} or from the API.
 *
 * @param options protocol options: scanners {@code suffix} (CR, LF, CRLF, TAB, NONE), {@code prefix},
 *                {@code gapMs}, {@code maxLength}; printers {@code dpi}, {@code labelSize}, {@code status}
 *                (answers ~HS: true/false), {@code counter} (its label counter may be asked: true/false),
 *                {@code unicodeFont} (a Unicode TrueType font stored on it, e.g. E:ANMDJ.TTF, for CJK and Cyrillic labels);
 *                scales {@code protocol} (MT_SICS, CONTINUOUS, NCI)
 */
public record DeviceProfile(String name, String kind, String connection, String port, Integer baud, Integer dataBits,
                            String parity, String stopBits, String flowControl, String host, Integer tcpPort,
                            Map<String, String> options, String station, String picker, Boolean enabled) {

    public static final List<String> KINDS = List.of("SCANNER", "PRINTER", "SCALE");
    public static final List<String> CONNECTIONS = List.of("SERIAL", "TCP", "KEYBOARD");

    public DeviceProfile {
        name = upper(name);
        kind = upper(kind);
        connection = upper(connection);
        station = blankToNull(station);
        picker = blankToNull(picker);
        options = options == null ? Map.of() : Map.copyOf(options);
        enabled = enabled == null || enabled;
    }

    public boolean serial() { return "SERIAL".equals(connection); }

    /** Every problem at once, each naming its field; empty when the profile is usable. */
    public List<Problem.FieldError> problems() {
        List<Problem.FieldError> out = new ArrayList<>();
        if (name == null || !name.matches("[A-Z0-9][A-Z0-9_-]{1,47}")) out.add(err("name", "2-48 of A-Z, 0-9, '-' and '_'"));
        if (kind == null || !KINDS.contains(kind)) out.add(err("kind", "one of " + KINDS));
        if (connection == null || !CONNECTIONS.contains(connection)) out.add(err("connection", "one of " + CONNECTIONS));
        if ("SERIAL".equals(connection)) {
            try {
                serialSettings();
            } catch (IllegalArgumentException e) {
                out.add(err(port == null || port.isBlank() ? "port" : "serial", e.getMessage()));
            }
        }
        if ("TCP".equals(connection)) {
            if (host == null || host.isBlank()) out.add(err("host", "required for a TCP device"));
            if (tcpPort != null && (tcpPort < 1 || tcpPort > 65535)) out.add(err("tcpPort", "1-65535"));
        }
        if ("KEYBOARD".equals(connection) && !"SCANNER".equals(kind)) out.add(err("connection", "only scanners type like a keyboard"));
        if ("TCP".equals(connection) && "SCALE".equals(kind)) out.add(err("connection", "scales are read over serial"));
        if ("SCANNER".equals(kind) && "SERIAL".equals(connection)) {
            try {
                framer();
            } catch (IllegalArgumentException e) {
                out.add(err("options", e.getMessage()));
            }
        }
        if ("SCALE".equals(kind)) {
            try {
                scaleProtocol();
            } catch (IllegalArgumentException e) {
                out.add(err("options.protocol", "one of MT_SICS, CONTINUOUS, NCI"));
            }
        }
        if ("PRINTER".equals(kind) && options.containsKey("dpi") && !List.of("203", "300").contains(options.get("dpi")))
            out.add(err("options.dpi", "203 or 300"));
        if ("PRINTER".equals(kind) && options.containsKey("unicodeFont")
                && io.surgewms.labels.PrinterFonts.problemWith(options.get("unicodeFont")) != null)
            out.add(err("options.unicodeFont", io.surgewms.labels.PrinterFonts.problemWith(options.get("unicodeFont"))));
        if (station != null && picker != null) out.add(err("station", "a device serves a station or a picker, not both"));
        return out;
    }

    public SerialSettings serialSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        if (port == null || port.isBlank()) throw new IllegalArgumentException("a serial device needs its port, e.g. /dev/serial/by-id/usb-...");
        m.put("port", port);
        if (baud != null) m.put("baud", baud.toString());
        if (dataBits != null) m.put("dataBits", dataBits.toString());
        if (parity != null) m.put("parity", parity);
        if (stopBits != null) m.put("stopBits", stopBits);
        if (flowControl != null) m.put("flowControl", flowControl);
        return SerialSettings.fromOptions(m);
    }

    /** How a serial scanner's bytes become scans: suffix (default CR), prefix to strip, gap, longest scan. */
    public ScanFramer framer() {
        ScanFramer.Suffix suffix;
        try {
            suffix = ScanFramer.Suffix.valueOf(options.getOrDefault("suffix", "CR").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("suffix must be CR, LF, CRLF, TAB or NONE (frame by a gap)");
        }
        int max = intOption("maxLength", ScanFramer.DEFAULT_MAX_LENGTH);
        int gap = intOption("gapMs", (int) ScanFramer.DEFAULT_GAP.toMillis());
        return new ScanFramer(suffix, options.get("prefix"), max, java.time.Duration.ofMillis(gap));
    }

    public ScaleProtocol scaleProtocol() {
        return ScaleProtocol.valueOf(options.getOrDefault("protocol", "MT_SICS").toUpperCase(Locale.ROOT));
    }

    private int intOption(String key, int fallback) {
        String v = options.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
    }

    private static Problem.FieldError err(String field, String reason) {
        return new Problem.FieldError(field, reason);
    }

    private static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
