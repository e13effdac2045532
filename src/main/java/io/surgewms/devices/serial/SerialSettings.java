package io.surgewms.devices.serial;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Line settings of one serial port, validated so a bad device profile fails at load with a clear
 * message instead of a silent garbled line on the floor.
 */
public record SerialSettings(String port, int baud, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

    public enum Parity { NONE, EVEN, ODD, MARK, SPACE }

    public enum StopBits {
        ONE("1"), ONE_AND_HALF("1.5"), TWO("2");
        public final String label;
        StopBits(String label) { this.label = label; }

        static StopBits parse(String s) {
            for (StopBits b : values()) if (b.label.equals(s.trim()) || b.name().equalsIgnoreCase(s.trim())) return b;
            throw new IllegalArgumentException("stopBits '" + s + "' must be 1, 1.5 or 2");
        }
    }

    public enum FlowControl { NONE, RTSCTS, XONXOFF }

    /** Rates a Linux tty driver accepts (termios B-constants that jssc maps). */
    public static final Set<Integer> BAUD_RATES = Set.of(110, 300, 600, 1200, 2400, 4800, 9600, 19200, 38400,
            57600, 115200, 230400, 460800, 921600);

    /** The option keys {@link #fromOptions} reads; other keys of a profile are left to its other parts. */
    public static final Set<String> KEYS = Set.of("port", "baud", "dataBits", "parity", "stopBits", "flowControl");

    public SerialSettings {
        if (port == null || port.isBlank()) throw new IllegalArgumentException("port is required (e.g. /dev/ttyUSB0)");
        if (!BAUD_RATES.contains(baud))
            throw new IllegalArgumentException("baud " + baud + " is not a standard rate; use one of " + sorted(BAUD_RATES));
        if (dataBits < 5 || dataBits > 8) throw new IllegalArgumentException("dataBits " + dataBits + " must be 5, 6, 7 or 8");
        if (parity == null) parity = Parity.NONE;
        if (stopBits == null) stopBits = StopBits.ONE;
        if (flowControl == null) flowControl = FlowControl.NONE;
        // A UART only sends 1.5 stop bits with 5-bit characters.
        if (stopBits == StopBits.ONE_AND_HALF && dataBits != 5)
            throw new IllegalArgumentException("stopBits 1.5 is only valid with dataBits 5 (got " + dataBits + ")");
    }

    /** 9600 8N1, no flow control: what most scanners and scales ship with. */
    public static SerialSettings of(String port) {
        return new SerialSettings(port, 9600, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);
    }

    public SerialSettings withPort(String newPort) {
        return new SerialSettings(newPort, baud, dataBits, parity, stopBits, flowControl);
    }

    /**
     * Reads {@code port}, {@code baud}, {@code dataBits}, {@code parity}, {@code stopBits},
     * {@code flowControl} (case-insensitive values); missing ones take the defaults, other keys are ignored.
     */
    public static SerialSettings fromOptions(Map<String, String> options) {
        String port = options.get("port");
        int baud = number(options, "baud", 9600);
        int dataBits = number(options, "dataBits", 8);
        Parity parity = choice(options, "parity", Parity.class, Parity.NONE);
        StopBits stopBits = options.get("stopBits") == null ? StopBits.ONE : StopBits.parse(options.get("stopBits"));
        String flow = options.get("flowControl");
        FlowControl flowControl = flow == null ? FlowControl.NONE
                : choice(Map.of("flowControl", flow.replace("/", "").replace("_", "").replace("-", "")),
                        "flowControl", FlowControl.class, FlowControl.NONE);
        return new SerialSettings(port == null ? null : port.trim(), baud, dataBits, parity, stopBits, flowControl);
    }

    private static int number(Map<String, String> options, String key, int fallback) {
        String v = options.get(key);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "' is not a whole number");
        }
    }

    private static <E extends Enum<E>> E choice(Map<String, String> options, String key, Class<E> type, E fallback) {
        String v = options.get(key);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + v + "' must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static String sorted(Set<Integer> rates) {
        return rates.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return port + " " + baud + " " + dataBits + parity.name().charAt(0) + stopBits.label
                + (flowControl == FlowControl.NONE ? "" : " " + flowControl);
    }
}
