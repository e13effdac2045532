package io.surgewms.devices.scale;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsers alone; every bad line must be an error, never a weight. */
class ScaleProtocolTest {

    static ScaleReading r(String w, String unit, boolean stable) {
        return new ScaleReading(new BigDecimal(w), unit, stable);
    }

    static void error(String expected, ThrowingRead read) {
        ScaleException e = assertThrows(ScaleException.class, read::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    interface ThrowingRead { void run() throws ScaleException; }

    @Test
    void mt_sics_stable_dynamic_and_errors() throws ScaleException {
        assertEquals(r("0.256", "kg", true), ScaleProtocol.parseSics("S S     0.256 kg"));
        assertEquals(r("0.250", "kg", false), ScaleProtocol.parseSics("S D     0.250 kg"));
        assertEquals(r("-12.5", "g", true), ScaleProtocol.parseSics("S S    -12.5 g"));
        error("busy", () -> ScaleProtocol.parseSics("S I"));
        error("overloaded", () -> ScaleProtocol.parseSics("S +"));
        error("underloaded", () -> ScaleProtocol.parseSics("S -"));
        error("did not understand", () -> ScaleProtocol.parseSics("ES"));
        error("unreadable MT-SICS", () -> ScaleProtocol.parseSics("S S     0.2.56 kg"));
        error("unreadable MT-SICS", () -> ScaleProtocol.parseSics("S X     0.256 kg"));
        error("unreadable MT-SICS", () -> ScaleProtocol.parseSics(""));
        error("unit 'ct' is not supported", () -> ScaleProtocol.parseSics("S S     1.25 ct"));
    }

    @Test
    void continuous_stream_lines() throws ScaleException {
        assertEquals(r("0.256", "kg", true), ScaleProtocol.parseContinuous("ST,GS,+  0.256kg"));
        assertEquals(r("0.250", "kg", false), ScaleProtocol.parseContinuous("US,GS,+  0.250kg"));
        assertEquals(r("-1.5", "lb", true), ScaleProtocol.parseContinuous("ST,NT,-   1.5lb"));
        assertEquals(r("00123.45", "g", true), ScaleProtocol.parseContinuous("ST,+00123.45  g"));
        error("overloaded", () -> ScaleProtocol.parseContinuous("OL,GS,+  9999.9kg"));
        error("tare", () -> ScaleProtocol.parseContinuous("ST,TR,+  0.010kg"));
        error("unreadable continuous", () -> ScaleProtocol.parseContinuous("ST,GS,+  0.2#6kg"));
        error("unreadable continuous", () -> ScaleProtocol.parseContinuous("GS,+  0.256kg"));
        error("not supported", () -> ScaleProtocol.parseContinuous("ST,GS,+ 12 pcs"));
    }

    @Test
    void nci_reply_weight_and_status() throws ScaleException {
        assertEquals(r("0.256", "kg", true), ScaleProtocol.parseNci(" 0.256kg", "S00"));
        assertEquals(r("0.256", "kg", true), ScaleProtocol.parseNci("   0.256kg", "00"));
        assertEquals(r("1.20", "lb", false), ScaleProtocol.parseNci("  1.20lb", "10"), "motion bit");
        assertEquals(r("-0.05", "kg", true), ScaleProtocol.parseNci("-  0.05kg", "20"), "at zero is still a weight");
        error("over capacity", () -> ScaleProtocol.parseNci("^^^^^^", "02"));
        error("under capacity", () -> ScaleProtocol.parseNci("------", "01"));
        error("hardware", () -> ScaleProtocol.parseNci(" 0.256kg", "40"));
        error("unreadable NCI", () -> ScaleProtocol.parseNci(" 0.2x6kg", "00"));
    }

    @Test
    void nci_decoder_assembles_lines_and_refuses_strays() throws ScaleException {
        ScaleProtocol.Decoder d = ScaleProtocol.NCI.decoder();
        assertNull(d.accept(" 0.256kg"));
        assertEquals(r("0.256", "kg", true), d.accept("00"));
        error("without a weight", () -> d.accept("00"));
        error("refused", () -> d.accept("?"));
    }

    @Test
    void requests_per_protocol() {
        assertEquals("S\r\n", new String(ScaleProtocol.MT_SICS.request(true)));
        assertEquals("SI\r\n", new String(ScaleProtocol.MT_SICS.request(false)));
        assertEquals("W\r", new String(ScaleProtocol.NCI.request(true)));
        assertTrue(ScaleProtocol.CONTINUOUS.continuous());
    }

    @Test
    void readings_convert_to_kilograms_exactly() {
        assertEquals(new BigDecimal("0.256"), r("0.256", "kg", true).toKilograms());
        assertEquals(0, new BigDecimal("0.256").compareTo(r("256", "g", true).toKilograms()));
        assertEquals(0, new BigDecimal("0.45359237").compareTo(r("1", "lb", true).toKilograms()));
        assertEquals(0, new BigDecimal("0.45359237").compareTo(r("16", "oz", true).toKilograms()));
        assertThrows(IllegalArgumentException.class, () -> r("1", "KG", true));
    }
}
