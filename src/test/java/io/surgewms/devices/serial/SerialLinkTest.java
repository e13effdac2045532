package io.surgewms.devices.serial;

import io.surgewms.devices.serial.ScanFramer.Suffix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.surgewms.devices.serial.Recorder.await;
import static io.surgewms.devices.serial.Recorder.fast;
import static io.surgewms.devices.serial.Recorder.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real jssc ports on socat pseudo-terminals: the test plays the scanner on the far end. */
class SerialLinkTest {

    final PortOwners owners = new PortOwners();
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    Pty pty() throws IOException {
        Pty p = new Pty();
        open.add(p);
        return p;
    }

    SerialLink link(Pty pty, ScanFramer framer, Recorder rec, String owner) {
        SerialLink link = SerialLink.open(SerialSettings.of(pty.device()), framer, rec, fast(owner, owners));
        open.add(link);
        await(owner + " online", () -> link.status() == SerialLink.Status.ONLINE);
        return link;
    }

    @Test
    void scans_arrive_framed_by_each_suffix() throws Exception {
        for (Suffix suffix : List.of(Suffix.CR, Suffix.LF, Suffix.CRLF, Suffix.TAB)) {
            Pty pty = pty();
            Recorder rec = new Recorder();
            link(pty, new ScanFramer(suffix), rec, "scanner " + suffix);
            String end = switch (suffix) { case CR -> "\r"; case LF -> "\n"; case CRLF -> "\r\n"; default -> "\t"; };
            pty.write("4006381333931" + end + "LOC-A-01-02" + end);
            await(suffix + " scans", () -> rec.frames.size() >= 2);
            assertEquals(List.of("4006381333931", "LOC-A-01-02"), rec.frames, "suffix " + suffix);
        }
    }

    @Test
    void scans_framed_by_a_quiet_line_when_the_scanner_sends_no_suffix() throws Exception {
        Pty pty = pty();
        Recorder rec = new Recorder();
        link(pty, new ScanFramer(Suffix.NONE, null, 64, Duration.ofMillis(50)), rec, "gap scanner");
        pty.write("4006381333931");
        await("gap frame", () -> rec.frames.size() == 1);
        pty.write("LOC-B-02");
        await("second gap frame", () -> rec.frames.size() == 2);
        assertEquals(List.of("4006381333931", "LOC-B-02"), rec.frames);
    }

    @Test
    void prefix_is_stripped_and_garbage_rejected_while_the_next_scan_still_arrives() throws Exception {
        Pty pty = pty();
        Recorder rec = new Recorder();
        SerialLink link = link(pty, new ScanFramer(Suffix.CR, "\u0002", 20, ScanFramer.DEFAULT_GAP), rec, "prefixed scanner");
        pty.write("\u00024006381333931\r");
        pty.write("BAD\u0007SCAN\r");
        pty.write("X".repeat(200) + "\r");
        pty.write("\u0002LOC-A-01\r");
        await("good scans", () -> rec.frames.size() == 2 && rec.rejected.size() == 2);
        assertEquals(List.of("4006381333931", "LOC-A-01"), rec.frames);
        assertContains(rec.rejected.get(0), "non-printable byte 0x07", "BAD\\x07SCAN");
        assertContains(rec.rejected.get(1), "longer than 20");
        SerialLink.Counters c = link.counters();
        assertEquals(2, c.frames());
        assertEquals(2, c.rejected());
        assertTrue(c.bytes() > 200);
        assertNotNull(c.lastSeen());
    }

    @Test
    void two_scanners_reach_their_own_listeners() throws Exception {
        Pty a = pty(), b = pty();
        Recorder ra = new Recorder(), rb = new Recorder();
        link(a, new ScanFramer(Suffix.CR), ra, "pack-1 scanner");
        link(b, new ScanFramer(Suffix.CR), rb, "pack-2 scanner");
        for (int i = 0; i < 20; i++) {
            a.write("A" + i + "\r");
            b.write("B" + i + "\r");
        }
        await("both streams", () -> ra.frames.size() == 20 && rb.frames.size() == 20);
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "A" + i).toList(), ra.frames);
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "B" + i).toList(), rb.frames);
    }

    @Test
    void unplugged_scanner_goes_offline_and_comes_back_online() throws Exception {
        Pty pty = pty();
        Recorder rec = new Recorder();
        SerialLink link = link(pty, new ScanFramer(Suffix.CR), rec, "picker scanner");
        pty.write("BEFORE\r");
        await("first scan", () -> rec.frames.contains("BEFORE"));
        pty.unplug();
        // The listener hears of it just after the status flips: wait for what it heard
        await("offline", () -> link.status() == SerialLink.Status.OFFLINE && String.valueOf(rec.lastStatus()).contains("OFFLINE"));
        assertContains(rec.lastStatus(), "OFFLINE", pty.device());
        assertContains(link.lastError(), pty.device());
        pty.replug();
        await("online again", () -> link.status() == SerialLink.Status.ONLINE);
        pty.write("AFTER\r");
        await("scan after replug", () -> rec.frames.contains("AFTER"));
        assertEquals(1, link.counters().reconnects());
        assertEquals(List.of("ONLINE", "OFFLINE", "ONLINE"), rec.statuses.stream().map(s -> s.split(" ")[0]).toList());
    }

    @Test
    void a_missing_port_reports_offline_and_connects_when_plugged_in() throws Exception {
        Pty pty = pty();
        pty.unplug();
        Recorder rec = new Recorder();
        SerialLink link = SerialLink.open(SerialSettings.of(pty.device()), new ScanFramer(Suffix.CR), rec, fast("late scanner", owners));
        open.add(link);
        // The listener hears of it just after the status flips: wait for what it heard
        await("offline reported", () -> link.status() == SerialLink.Status.OFFLINE && String.valueOf(rec.lastStatus()).contains("OFFLINE"));
        assertContains(rec.lastStatus(), "OFFLINE", "missing");
        pty.replug();
        await("online", () -> link.status() == SerialLink.Status.ONLINE);
        pty.write("HELLO\r");
        await("scan", () -> rec.frames.contains("HELLO"));
    }

    @Test
    void a_second_owner_of_the_port_is_refused() throws Exception {
        Pty pty = pty();
        link(pty, new ScanFramer(Suffix.CR), new Recorder(), "pack-1 scanner");
        PortOwners.PortBusyException e = assertThrows(PortOwners.PortBusyException.class, () ->
                SerialLink.open(SerialSettings.of(pty.device()), new ScanFramer(Suffix.CR), new Recorder(), fast("pack-2 scanner", owners)));
        assertContains(e.getMessage(), pty.device(), "pack-1 scanner");
    }

    @Test
    void write_reaches_the_far_end_and_fails_clearly_when_offline() throws Exception {
        Pty pty = pty();
        pty.listen();
        SerialLink link = link(pty, new ScanFramer(Suffix.CR), new Recorder(), "scale port");
        link.write("S\r\n".getBytes(), Duration.ofSeconds(2));
        assertEquals("S\r\n", new String(pty.awaitReceived(3, Duration.ofSeconds(5))));
        pty.unplug();
        await("offline", () -> link.status() == SerialLink.Status.OFFLINE);
        IOException e = assertThrows(IOException.class, () -> link.write("S\r\n".getBytes(), Duration.ofSeconds(1)));
        assertContains(e.getMessage(), "offline");
    }

    @Test
    void close_gives_the_port_back() throws Exception {
        Pty pty = pty();
        SerialLink link = link(pty, new ScanFramer(Suffix.CR), new Recorder(), "first");
        link.close();
        assertTrue(owners.owner(pty.device()).isEmpty());
        link(pty, new ScanFramer(Suffix.CR), new Recorder(), "second");
    }
}
