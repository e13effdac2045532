package io.surgewms.devices.serial;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;

import static io.surgewms.devices.serial.Recorder.await;
import static io.surgewms.devices.serial.Recorder.fast;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A scanner pulled out and put back many times must not cost a descriptor or a thread each time. */
class SerialLinkLeakTest {

    static final int CYCLES = 30;

    static int fds() {
        String[] entries = new File("/proc/self/fd").list();
        return entries == null ? -1 : entries.length;
    }

    @Test
    void unplug_replug_cycles_leak_no_descriptors_or_threads() throws Exception {
        try (Pty pty = new Pty()) {
            Recorder rec = new Recorder();
            try (SerialLink link = SerialLink.open(SerialSettings.of(pty.device()), new ScanFramer(ScanFramer.Suffix.CR), rec,
                    fast("leak scanner", new PortOwners()))) {
                await("online", () -> link.status() == SerialLink.Status.ONLINE);
                // One warm-up cycle so lazily created JDK threads (process reaper) are in the baseline.
                cycle(pty, link, rec, 0);
                int fdBaseline = fds();
                int threadBaseline = Thread.activeCount();
                for (int i = 1; i <= CYCLES; i++) cycle(pty, link, rec, i);
                // Settling is polled: jssc's reader thread ends a moment after closePort.
                await("descriptors back to baseline " + fdBaseline, Duration.ofSeconds(10), () -> fds() <= fdBaseline + 2);
                await("threads back to baseline " + threadBaseline, Duration.ofSeconds(10), () -> Thread.activeCount() <= threadBaseline + 2);
                assertEquals(CYCLES + 1, link.counters().reconnects());
                assertEquals(CYCLES + 1, rec.count(SerialLink.Status.OFFLINE));
                assertEquals(CYCLES + 2, rec.count(SerialLink.Status.ONLINE));
            }
        }
    }

    static void cycle(Pty pty, SerialLink link, Recorder rec, int i) throws Exception {
        long offline = rec.count(SerialLink.Status.OFFLINE);
        pty.unplug();
        await("offline " + i, () -> rec.count(SerialLink.Status.OFFLINE) > offline);
        pty.replug();
        await("online " + i, () -> link.status() == SerialLink.Status.ONLINE);
        pty.write("SCAN" + i + "\r");
        await("scan " + i, () -> rec.frames.contains("SCAN" + i));
    }
}
