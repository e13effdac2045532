package io.surgewms.devices.scale;

import io.surgewms.devices.serial.PortOwners;
import io.surgewms.devices.serial.Pty;
import io.surgewms.devices.serial.SerialLink;
import io.surgewms.devices.serial.SerialSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static io.surgewms.devices.serial.Recorder.await;
import static io.surgewms.devices.serial.Recorder.fast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scales on socat ports: the test plays the scale on the far end. */
class ScaleTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    final PortOwners owners = new PortOwners();

    Scale open(Pty pty, ScaleProtocol protocol) {
        Scale scale = Scale.open(SerialSettings.of(pty.device()), protocol, fast("pack-2 scale", owners));
        await("scale online", () -> scale.link().status() == SerialLink.Status.ONLINE);
        return scale;
    }

    @Test
    void continuous_scale_keeps_the_latest_reading() throws Exception {
        try (Pty pty = new Pty(); Scale scale = open(pty, ScaleProtocol.CONTINUOUS)) {
            pty.write("US,GS,+  0.250kg\r\n");
            await("unstable reading", () -> scale.latest().isPresent());
            assertFalse(scale.latest().get().stable());
            pty.write("ST,GS,+  0.256kg\r\n");
            await("stable reading", () -> scale.latest().map(ScaleReading::stable).orElse(false));
            assertEquals(new BigDecimal("0.256"), scale.latest().get().toKilograms());
            pty.write("ST,GS,+  0.2?6kg\r\n");
            await("garbage clears the weight", () -> scale.latest().isEmpty());
            assertTrue(scale.lastError().contains("unreadable"), scale.lastError());
            pty.write("OL,GS,+ 99999kg\r\n");
            await("overload", () -> scale.lastError().contains("overloaded"));
            pty.write("ST,GS,+  1.500kg\r\n");
            await("back to a weight", () -> scale.latest().isPresent());
            assertEquals(new BigDecimal("1.500"), scale.latest().get().weight());
        }
    }

    @Test
    void mt_sics_scale_answers_on_request() throws Exception {
        try (Pty pty = new Pty(); Scale scale = open(pty, ScaleProtocol.MT_SICS)) {
            pty.respond(req -> switch (req) {
                case "S\r\n" -> "S S     0.256 kg\r\n";
                case "SI\r\n" -> "S D     0.250 kg\r\n";
                default -> null;
            });
            assertEquals(new ScaleReading(new BigDecimal("0.256"), "kg", true), scale.read(WAIT));
            ScaleReading moving = scale.read(false, WAIT);
            assertFalse(moving.stable());
            assertEquals(new BigDecimal("0.250"), moving.weight());
            pty.respond(req -> req.endsWith("\r\n") ? "S +\r\n" : null);
            ScaleException e = assertThrows(ScaleException.class, () -> scale.read(WAIT));
            assertTrue(e.getMessage().contains("overloaded"), e.getMessage());
            pty.respond(req -> req.endsWith("\r\n") ? "S S  \u0001 0.256 kg\r\n" : null);
            e = assertThrows(ScaleException.class, () -> scale.read(WAIT));
            assertTrue(e.getMessage().contains("garbled"), e.getMessage());
        }
    }

    @Test
    void nci_scale_answers_on_request() throws Exception {
        try (Pty pty = new Pty(); Scale scale = open(pty, ScaleProtocol.NCI)) {
            pty.respond(req -> req.equals("W\r") ? "\n 0.256kg\r\nS00\r\u0003" : null);
            assertEquals(new ScaleReading(new BigDecimal("0.256"), "kg", true), scale.read(WAIT));
            pty.respond(req -> req.equals("W\r") ? "\n  1.20lb\r\n10\r\u0003" : null);
            ScaleReading r = scale.read(WAIT);
            assertFalse(r.stable());
            assertEquals(0, new BigDecimal("0.544310844").compareTo(r.toKilograms()));
        }
    }

    @Test
    void a_silent_or_unplugged_scale_is_an_error_not_a_weight() throws Exception {
        try (Pty pty = new Pty(); Scale scale = open(pty, ScaleProtocol.MT_SICS)) {
            pty.listen(); // reads the request, never answers
            ScaleException e = assertThrows(ScaleException.class, () -> scale.read(Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("no weight"), e.getMessage());
            pty.unplug();
            await("offline", () -> scale.link().status() == SerialLink.Status.OFFLINE);
            e = assertThrows(ScaleException.class, () -> scale.read(WAIT));
            assertTrue(e.getMessage().contains("offline"), e.getMessage());
        }
    }
}
