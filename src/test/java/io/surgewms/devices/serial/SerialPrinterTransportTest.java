package io.surgewms.devices.serial;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static io.surgewms.devices.serial.Recorder.assertContains;
import static io.surgewms.devices.serial.Recorder.fast;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialPrinterTransportTest {

    final PortOwners owners = new PortOwners();
    final SerialPrinterTransport printer = new SerialPrinterTransport(owners, Duration.ofSeconds(5));

    @Test
    void zpl_arrives_byte_for_byte() throws Exception {
        try (Pty pty = new Pty()) {
            pty.listen();
            byte[] zpl = ("^XA^FO50,50^BCN,100,Y,N,N^FD>;4006381333931^FS^FO50,200^A0N,30,30^FDZa\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144^FS^XZ\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[zpl.length * 50 + 2];
            for (int i = 0; i < 50; i++) System.arraycopy(zpl, 0, all, i * zpl.length, zpl.length);
            all[all.length - 2] = 0; // binary-safe: NUL and 0xFF pass untouched
            all[all.length - 1] = (byte) 0xff;
            assertNull(printer.send(SerialSettings.of(pty.device()), all));
            byte[] got = pty.awaitReceived(all.length, Duration.ofSeconds(10));
            assertArrayEquals(all, Arrays.copyOf(got, Math.max(got.length, 0)));
            assertTrue(owners.owner(pty.device()).isEmpty(), "port given back after the job");
        }
    }

    @Test
    void a_missing_port_is_an_error_for_the_job() throws Exception {
        try (Pty pty = new Pty()) {
            pty.unplug();
            assertContains(printer.send(SerialSettings.of(pty.device()), "^XA^XZ".getBytes()), "missing");
        }
    }

    @Test
    void a_port_held_by_another_device_is_refused() throws Exception {
        try (Pty pty = new Pty();
             SerialLink scanner = SerialLink.open(SerialSettings.of(pty.device()), new ScanFramer(ScanFramer.Suffix.CR),
                     new Recorder(), fast("pack-3 scanner", owners))) {
            assertContains(printer.send(SerialSettings.of(pty.device()), "^XA^XZ".getBytes()), "in use by pack-3 scanner");
        }
    }
}
