package io.surgewms.devices.serial;

import io.surgewms.devices.serial.SerialSettings.FlowControl;
import io.surgewms.devices.serial.SerialSettings.Parity;
import io.surgewms.devices.serial.SerialSettings.StopBits;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.surgewms.devices.serial.Recorder.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialSettingsTest {

    @Test
    void defaults_are_9600_8N1() {
        SerialSettings s = SerialSettings.fromOptions(Map.of("port", "/dev/ttyUSB0", "prefix", "ignored"));
        assertEquals(new SerialSettings("/dev/ttyUSB0", 9600, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE), s);
        assertEquals("/dev/ttyUSB0 9600 8N1", s.toString());
    }

    @Test
    void a_profile_sets_every_field() {
        SerialSettings s = SerialSettings.fromOptions(Map.of("port", "/dev/ttyS1", "baud", "19200", "dataBits", "7",
                "parity", "even", "stopBits", "2", "flowControl", "rts/cts"));
        assertEquals(new SerialSettings("/dev/ttyS1", 19200, 7, Parity.EVEN, StopBits.TWO, FlowControl.RTSCTS), s);
        assertEquals(StopBits.ONE_AND_HALF, SerialSettings.fromOptions(Map.of("port", "p", "dataBits", "5", "stopBits", "1.5")).stopBits());
        assertEquals(FlowControl.XONXOFF, SerialSettings.fromOptions(Map.of("port", "p", "flowControl", "XON/XOFF")).flowControl());
    }

    @Test
    void bad_values_say_what_is_wrong() {
        assertContains(bad(Map.of("baud", "9600")), "port is required");
        assertContains(bad(Map.of("port", "p", "baud", "fast")), "baud 'fast' is not a whole number");
        assertContains(bad(Map.of("port", "p", "baud", "9601")), "baud 9601 is not a standard rate", "115200");
        assertContains(bad(Map.of("port", "p", "dataBits", "9")), "dataBits 9 must be 5, 6, 7 or 8");
        assertContains(bad(Map.of("port", "p", "parity", "X")), "parity 'X' must be one of NONE, EVEN, ODD, MARK, SPACE");
        assertContains(bad(Map.of("port", "p", "stopBits", "3")), "stopBits '3' must be 1, 1.5 or 2");
        assertContains(bad(Map.of("port", "p", "stopBits", "1.5")), "only valid with dataBits 5");
        assertContains(bad(Map.of("port", "p", "flowControl", "dtr")), "flowControl 'dtr' must be one of NONE, RTSCTS, XONXOFF");
    }

    static String bad(Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> SerialSettings.fromOptions(options)).getMessage();
    }

    @Test
    void two_links_to_one_device_are_one_port() throws Exception {
        Path dir = Files.createTempDirectory("owners");
        Path device = Files.createFile(dir.resolve("ttyREAL"));
        Path byId = Files.createSymbolicLink(dir.resolve("by-id-scanner"), device);
        PortOwners owners = new PortOwners();
        owners.claim(byId.toString(), "pack-1 scanner");
        owners.claim(byId.toString(), "pack-1 scanner"); // again by the same owner: fine
        PortOwners.PortBusyException e = assertThrows(PortOwners.PortBusyException.class, () -> owners.claim(device.toString(), "pack-1 scale"));
        assertContains(e.getMessage(), device.toString(), "already in use by pack-1 scanner");
        owners.release(device.toString(), "someone else");
        assertEquals("pack-1 scanner", owners.owner(device.toString()).orElseThrow());
        owners.release(byId.toString(), "pack-1 scanner");
        assertTrue(owners.owner(device.toString()).isEmpty());
        owners.claim(device.toString(), "pack-1 scale");
        // A port that is not plugged in is known by its path.
        owners.claim(dir.resolve("ttyGONE").toString(), "scale 2");
        assertThrows(PortOwners.PortBusyException.class, () -> owners.claim(dir.resolve("./ttyGONE").toString(), "scale 3"));
    }
}
