package io.surgewms.devices.scale;

import io.surgewms.devices.serial.ScanFramer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale wire protocols we support, each kept to its documented essentials. Anything else on
 * the line is an error with the line quoted, never a weight.
 * <ul>
 * <li>{@link #MT_SICS} (Mettler Toledo, MT-SICS level 0): request {@code S<CR><LF>} (stable weight)
 *     or {@code SI<CR><LF>} (immediate); reply {@code S S     0.256 kg} (stable) or {@code S D     0.250 kg}
 *     (dynamic = unstable). Errors: {@code S I} busy, {@code S +} overload, {@code S -} underload,
 *     {@code ES}/{@code ET}/{@code EL} syntax, transmission and logical errors.</li>
 * <li>{@link #CONTINUOUS} (CAS / A&amp;D style stream, no request): lines {@code ST,GS,+  0.256kg}
 *     (stable), {@code US,GS,+  0.250kg} (unstable); header2 GS (gross) or NT (net) and may be absent
 *     (A&amp;D: {@code ST,+00123.45  g}); {@code OL...} is overload; TR (tare) lines and other units are refused.</li>
 * <li>{@link #NCI} (NCI / Avery Weigh-Tronix / Brecknell): request {@code W<CR>}; reply
 *     {@code <LF>  0.256kg<CR><LF>hh<CR><ETX>} where hh are two status bytes (0x30-0x3F; an optional
 *     leading {@code S} is accepted): byte 1 bit 0 motion (unstable), bits 2-3 RAM/EEPROM error; byte 2
 *     bit 0 under capacity, bit 1 over capacity, bits 2-3 ROM/calibration error. {@code ?} is a refused
 *     command. A third status byte (some indicators) is read and ignored.</li>
 * </ul>
 * Units: kg, g, lb, oz.
 */
public enum ScaleProtocol {

    MT_SICS {
        @Override public byte[] request(boolean stableOnly) { return ascii(stableOnly ? "S\r\n" : "SI\r\n"); }
        @Override public ScanFramer framer() { return new ScanFramer(ScanFramer.Suffix.LF); }
        @Override public Decoder decoder() { return ScaleProtocol::parseSics; }
    },

    CONTINUOUS {
        @Override public byte[] request(boolean stableOnly) { return null; }
        @Override public ScanFramer framer() { return new ScanFramer(ScanFramer.Suffix.LF); }
        @Override public Decoder decoder() { return ScaleProtocol::parseContinuous; }
    },

    NCI {
        @Override public byte[] request(boolean stableOnly) { return ascii("W\r"); }
        // The reply is two CR-ended lines, each after an LF, then ETX: frame on CR, drop LF and ETX.
        @Override public ScanFramer framer() { return new ScanFramer(ScanFramer.Suffix.CR).ignoring((byte) '\n', (byte) 0x03); }
        @Override public Decoder decoder() { return new NciDecoder(); }
    };

    /** Bytes that ask for a weight, or null for a scale that streams by itself. */
    public abstract byte[] request(boolean stableOnly);

    /** A fresh framer for this protocol's lines. */
    public abstract ScanFramer framer();

    /** A fresh decoder (NCI keeps the weight line until its status line arrives). */
    public abstract Decoder decoder();

    /** Whether the scale sends without being asked. */
    public boolean continuous() { return request(true) == null; }

    /** Turns framed lines into readings. */
    public interface Decoder {
        /** The reading this line completes, null when more lines are needed; throws on error or garbage. */
        ScaleReading accept(String line) throws ScaleException;

        /** Forgets a half-received reply (before a new request). */
        default void reset() {}
    }

    private static final Pattern SICS = Pattern.compile("S\\s+([SD])\\s+(-?\\d+(?:\\.\\d+)?)\\s+([A-Za-z]+)");
    private static final Pattern STREAM = Pattern.compile("(ST|US),(?:(GS|NT|TR),)?([+-])?\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)");
    private static final Pattern NCI_WEIGHT = Pattern.compile("\\s*(-)?\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)\\s*");
    private static final Pattern NCI_STATUS = Pattern.compile("S?([0-?]{2,3})");

    /** One MT-SICS reply line to S or SI. */
    public static ScaleReading parseSics(String line) throws ScaleException {
        String t = line == null ? "" : line.trim();
        switch (t) {
            case "S I" -> throw new ScaleException("scale busy: weight not available now (MT-SICS S I)");
            case "S +" -> throw new ScaleException("scale overloaded (MT-SICS S +)");
            case "S -" -> throw new ScaleException("scale underloaded: pan removed or below zero (MT-SICS S -)");
            case "ES" -> throw new ScaleException("scale did not understand the command (MT-SICS ES)");
            case "ET" -> throw new ScaleException("scale reports a transmission error (MT-SICS ET)");
            case "EL" -> throw new ScaleException("scale cannot run the command now (MT-SICS EL)");
            default -> { }
        }
        Matcher m = SICS.matcher(t);
        if (!m.matches()) throw garbage("MT-SICS", line);
        return reading(m.group(2), m.group(3), "S".equals(m.group(1)), line);
    }

    /** One line of a continuous CAS / A&D stream. */
    public static ScaleReading parseContinuous(String line) throws ScaleException {
        String t = line == null ? "" : line.trim();
        if (t.startsWith("OL")) throw new ScaleException("scale overloaded (" + t + ")");
        Matcher m = STREAM.matcher(t);
        if (!m.matches()) throw garbage("continuous", line);
        if ("TR".equals(m.group(2))) throw new ScaleException("scale sent its tare, not a weight: '" + t + "'");
        String value = ("-".equals(m.group(3)) ? "-" : "") + m.group(4);
        return reading(value, m.group(5), "ST".equals(m.group(1)), line);
    }

    /** An NCI reply to W: the weight line and the status line (LF, CR and ETX already removed). */
    public static ScaleReading parseNci(String weightLine, String statusLine) throws ScaleException {
        NciDecoder d = new NciDecoder();
        if (d.accept(weightLine) != null) throw new IllegalStateException("weight line alone cannot complete");
        ScaleReading r = d.accept(statusLine);
        if (r == null) throw garbage("NCI status", statusLine);
        return r;
    }

    private static final class NciDecoder implements Decoder {
        private String weightLine;

        @Override public void reset() { weightLine = null; }

        @Override
        public ScaleReading accept(String line) throws ScaleException {
            String t = line == null ? "" : line.trim();
            if (t.equals("?")) { reset(); throw new ScaleException("scale refused the command (NCI '?')"); }
            Matcher status = NCI_STATUS.matcher(t);
            if (!status.matches()) { weightLine = line; return null; } // the status line follows
            String weight = weightLine;
            weightLine = null;
            String s = status.group(1);
            int b1 = s.charAt(0) & 0x0f, b2 = s.charAt(1) & 0x0f;
            if ((b2 & 0b10) != 0) throw new ScaleException("scale over capacity (NCI status " + s + ")");
            if ((b2 & 0b01) != 0) throw new ScaleException("scale under capacity (NCI status " + s + ")");
            if ((b1 & 0b1100) != 0 || (b2 & 0b1100) != 0) throw new ScaleException("scale reports a hardware or calibration fault (NCI status " + s + ")");
            if (weight == null) throw new ScaleException("scale sent a status (" + s + ") without a weight");
            Matcher m = NCI_WEIGHT.matcher(weight);
            if (!m.matches()) throw garbage("NCI", weight);
            return reading((m.group(1) == null ? "" : "-") + m.group(2), m.group(3), (b1 & 0b1) == 0, weight);
        }
    }

    private static ScaleReading reading(String value, String unit, boolean stable, String line) throws ScaleException {
        if (!ScaleReading.UNITS.contains(unit))
            throw new ScaleException("scale unit '" + unit + "' is not supported (kg, g, lb, oz): '" + printable(line) + "'");
        return new ScaleReading(new BigDecimal(value), unit, stable);
    }

    private static ScaleException garbage(String protocol, String line) {
        return new ScaleException("unreadable " + protocol + " scale line: '" + printable(line) + "'");
    }

    private static String printable(String line) {
        return line == null ? "" : ScanFramer.escape(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
