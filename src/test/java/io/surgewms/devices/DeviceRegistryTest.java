package io.surgewms.devices;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.devices.registry.DeviceFiles;
import io.surgewms.devices.registry.DeviceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device profiles from files and from the API, validated, with their live status. */
@QuarkusTest
class DeviceRegistryTest {

    @Test
    void shall_load_every_example_profile_shipped_in_devices() {
        DeviceFiles.Loaded loaded = DeviceFiles.load(Path.of("devices/examples"));
        assertEquals(java.util.List.of(), loaded.errors());
        Map<String, DeviceProfile> byName = new java.util.HashMap<>();
        loaded.profiles().forEach(p -> byName.put(p.name(), p));
        DeviceProfile scanner = byName.get("PACK-01-SCANNER");
        assertEquals(115200, scanner.serialSettings().baud());
        assertEquals("PACK-01", scanner.station());
        assertEquals("\u0002", byName.get("SINGLES-01-SCANNER").options().get("prefix"), "STX prefix from \\u0002");
        assertEquals("192.168.10.21", byName.get("PACK-01-PRINTER").host());
        assertEquals("MT_SICS", byName.get("PACK-01-SCALE").scaleProtocol().name());
        assertEquals("KEYBOARD", byName.get("HANDHELD-07").connection());
    }

    @Test
    void shall_report_a_broken_file_by_name_and_load_the_others(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.properties"), "kind=PRINTER\nconnection=TCP\nhost=10.0.0.5\n");
        Files.writeString(dir.resolve("bad.properties"), "kind=SCANNER\nconnection=SERIAL\nport=/dev/ttyX\nparity=SOMETIMES\n");
        Files.writeString(dir.resolve("worse.properties"), "kind=TOASTER\nconnection=TCP\nhost=x\nbaud=fast\n");
        DeviceFiles.Loaded loaded = DeviceFiles.load(dir);
        assertEquals(1, loaded.profiles().size());
        assertEquals("GOOD", loaded.profiles().get(0).name());
        assertEquals(2, loaded.errors().size());
        assertTrue(loaded.errors().get(0).startsWith("bad.properties") && loaded.errors().get(0).contains("parity"), loaded.errors().toString());
        assertTrue(loaded.errors().get(1).startsWith("worse.properties"), loaded.errors().toString());
    }

    @Test
    void shall_register_change_list_and_remove_devices_through_the_api() {
        given().contentType(ContentType.JSON).body(Map.of("code", "REG-ST", "kind", "STANDARD")).post("/api/packing/stations");
        Map<String, Object> printer = Map.of("kind", "printer", "connection", "TCP", "host", "127.0.0.1", "tcpPort", 9, "station", "REG-ST",
                "options", Map.of("dpi", "300"));
        given().contentType(ContentType.JSON).body(printer).put("/api/devices/reg-printer").then().statusCode(201)
                .body("profile.name", equalTo("REG-PRINTER")).body("profile.kind", equalTo("PRINTER")).body("source", equalTo("API"))
                .body("status.state", notNullValue());
        given().contentType(ContentType.JSON).body(printer).put("/api/devices/REG-PRINTER").then().statusCode(200);
        given().queryParam("station", "REG-ST").get("/api/devices").then().statusCode(200).body("profile.name", hasItem("REG-PRINTER"));
        given().queryParam("kind", "printer").get("/api/devices").then().body("profile.kind", org.hamcrest.Matchers.everyItem(equalTo("PRINTER")));

        // Everything wrong at once, each named.
        given().contentType(ContentType.JSON).body(Map.of("kind", "SCANNER", "connection", "SERIAL", "parity", "SOMETIMES",
                        "options", Map.of("suffix", "SEMICOLON"))).put("/api/devices/REG-BAD").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItems("port"));
        given().contentType(ContentType.JSON).body(Map.of("kind", "SCALE", "connection", "TCP", "host", "x")).put("/api/devices/REG-BAD")
                .then().statusCode(400).body("errors.field", hasItem("connection"));
        given().contentType(ContentType.JSON).body(Map.of("kind", "PRINTER", "connection", "TCP", "host", "x", "station", "NO-SUCH-STATION"))
                .put("/api/devices/REG-BAD").then().statusCode(400).body("errors[0].field", equalTo("station"));
        given().contentType(ContentType.JSON).body(Map.of("kind", "PRINTER", "connection", "TCP", "host", "x",
                        "options", Map.of("unicodeFont", "E:ANMDJ.TTF^XZ"))).put("/api/devices/REG-BAD")
                .then().statusCode(400).body("errors[0].field", equalTo("options.unicodeFont"));
        given().contentType(ContentType.JSON).body("{\"kind\": ").put("/api/devices/REG-BAD").then().statusCode(400);
        given().get("/api/devices/REG-BAD").then().statusCode(404);

        given().delete("/api/devices/REG-PRINTER").then().statusCode(204);
        given().get("/api/devices/REG-PRINTER").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/devices/REG-PRINTER").then().statusCode(404);
    }

    @Test
    void shall_show_a_scanner_whose_port_is_missing_as_offline_with_the_reason() {
        given().contentType(ContentType.JSON).body(Map.of("kind", "SCANNER", "connection", "SERIAL", "port", "/dev/serial/by-id/not-plugged-in"))
                .put("/api/devices/REG-UNPLUGGED").then().statusCode(201);
        try {
            SerialStationTest.await("offline", () -> SerialStationTest.state("REG-UNPLUGGED"), "OFFLINE"::equals);
            given().get("/api/devices/REG-UNPLUGGED").then().body("status.lastError", org.hamcrest.Matchers.containsString("not-plugged-in"));
        } finally {
            given().delete("/api/devices/REG-UNPLUGGED");
        }
    }
}
