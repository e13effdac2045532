package io.surgewms.devices.serial;

import io.surgewms.devices.serial.ScanFramer.Frame;
import io.surgewms.devices.serial.ScanFramer.Rejected;
import io.surgewms.devices.serial.ScanFramer.Result;
import io.surgewms.devices.serial.ScanFramer.Suffix;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.surgewms.devices.serial.Recorder.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The framer alone: no ports, time passed in. */
class ScanFramerTest {

    static final long MS = 1_000_000L;

    static List<Result> feed(ScanFramer f, String... chunks) {
        List<Result> out = new ArrayList<>();
        for (String c : chunks) out.addAll(f.accept(c.getBytes(StandardCharsets.ISO_8859_1), 0));
        return out;
    }

    static List<Result> frames(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> (Result) new Frame(t)).toList();
    }

    @Test
    void each_suffix_ends_a_scan() {
        assertEquals(frames("A1", "B2"), feed(new ScanFramer(Suffix.CR), "A1\rB2\r"));
        assertEquals(frames("A1", "B2"), feed(new ScanFramer(Suffix.LF), "A1\nB2\n"));
        assertEquals(frames("A1", "B2"), feed(new ScanFramer(Suffix.CRLF), "A1\r\nB2\r\n"));
        assertEquals(frames("A1", "B2"), feed(new ScanFramer(Suffix.TAB), "A1\tB2\t"));
    }

    @Test
    void crlf_gives_no_empty_frame_even_when_split_between_chunks() {
        assertEquals(frames("4006381333931", "X"), feed(new ScanFramer(Suffix.CRLF), "4006381333931\r", "\nX\r", "\n"));
        // Devices set to CR or LF that send CRLF anyway.
        assertEquals(frames("A", "B"), feed(new ScanFramer(Suffix.CR), "A\r", "\nB\r\n"));
        assertEquals(frames("A", "B"), feed(new ScanFramer(Suffix.LF), "A\r", "\nB\r\n"));
    }

    @Test
    void a_scan_split_over_many_chunks_is_one_frame() {
        assertEquals(frames("LOC-A-01-02"), feed(new ScanFramer(Suffix.CR), "LOC", "-A-0", "1-02", "\r"));
    }

    @Test
    void empty_frames_are_ignored() {
        assertEquals(frames("A"), feed(new ScanFramer(Suffix.CR), "\r\r", "A\r\r"));
    }

    @Test
    void prefix_is_stripped_when_present() {
        ScanFramer f = new ScanFramer(Suffix.CR, "\u0002", 64, ScanFramer.DEFAULT_GAP);
        assertEquals(frames("4006381333931", "NOPREFIX"), feed(f, "\u00024006381333931\r", "NOPREFIX\r", "\u0002\r"));
    }

    @Test
    void non_printable_bytes_reject_the_frame_and_the_next_scan_arrives() {
        List<Result> out = feed(new ScanFramer(Suffix.CR), "AB\u0000C\r", "GOOD\r");
        assertEquals(2, out.size());
        Rejected r = assertInstanceOf(Rejected.class, out.get(0));
        assertContains(r.reason(), "0x00");
        assertEquals("AB\\x00C", r.raw());
        assertEquals(new Frame("GOOD"), out.get(1));
    }

    @Test
    void over_long_frames_are_rejected_once_and_resync_at_the_next_suffix() {
        ScanFramer f = new ScanFramer(Suffix.CRLF, null, 10, ScanFramer.DEFAULT_GAP);
        List<Result> out = feed(f, "0123456789", "0123456789AB", "CDEF\r\n", "OK\r\n", "0123456789\r\n");
        assertEquals(3, out.size(), out.toString());
        assertContains(assertInstanceOf(Rejected.class, out.get(0)).reason(), "longer than 10");
        assertEquals(new Frame("OK"), out.get(1));
        assertEquals(new Frame("0123456789"), out.get(2), "exactly the maximum is fine");
    }

    @Test
    void gap_mode_frames_on_a_quiet_line() {
        ScanFramer f = new ScanFramer(Suffix.NONE, null, 64, Duration.ofMillis(50));
        assertTrue(f.accept("4006".getBytes(), 0).isEmpty());
        assertTrue(f.accept("381333931".getBytes(), 10 * MS).isEmpty());
        assertTrue(f.flushIfIdle(40 * MS).isEmpty(), "not quiet long enough");
        assertEquals(frames("4006381333931"), f.flushIfIdle(60 * MS));
        assertTrue(f.flushIfIdle(500 * MS).isEmpty());
        // A new scan after the gap first closes the previous one if no flush ran in between.
        f.accept("A1".getBytes(), 600 * MS);
        assertEquals(frames("A1"), f.accept("B2".getBytes(), 700 * MS));
        assertEquals(frames("B2"), f.flushIfIdle(800 * MS));
    }

    @Test
    void ignored_bytes_are_dropped_before_framing() {
        ScanFramer f = new ScanFramer(Suffix.CR).ignoring((byte) '\n', (byte) 0x03);
        assertEquals(frames(" 0.256kg", "00"), feed(f, "\n 0.256kg\r\n00\r\u0003"));
    }

    @Test
    void reset_forgets_half_a_frame() {
        ScanFramer f = new ScanFramer(Suffix.CR);
        feed(f, "HALF");
        f.reset();
        assertEquals(frames("WHOLE"), feed(f, "WHOLE\r"));
    }

    @Test
    void escape_makes_raw_bytes_safe_to_show() {
        assertEquals("a\\r\\n\\t\\\\\\x1D\\xFF", ScanFramer.escape(new byte[] {'a', '\r', '\n', '\t', '\\', 0x1d, (byte) 0xff}));
    }

    @Test
    void bad_configuration_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new ScanFramer(null));
        assertThrows(IllegalArgumentException.class, () -> new ScanFramer(Suffix.CR, null, 0, ScanFramer.DEFAULT_GAP));
        assertThrows(IllegalArgumentException.class, () -> new ScanFramer(Suffix.NONE, null, 64, Duration.ZERO));
    }
}
