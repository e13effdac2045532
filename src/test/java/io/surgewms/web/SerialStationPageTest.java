package io.surgewms.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.devices.serial.Pty;
import io.surgewms.testsupport.Pick;
import io.surgewms.testsupport.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pack station page with a serial scanner and a serial scale at the station (socat pseudo-terminals):
 * the packer never types; the page shows what the scanner sent, the scale's weight, and the parcel's label.
 */
@QuarkusTest
class SerialStationPageTest {

    @TestHTTPResource("/floor/pack")
    URL page;

    Handheld hh;

    @BeforeEach
    void browser() {
        assumeTrue(Files.isExecutable(Handheld.CHROMEDRIVER), "Skipped: /usr/bin/chromedriver is missing (.ci/run installs it)");
        hh = new Handheld(1280, 800);
    }

    @AfterEach
    void close() {
        if (hh != null) hh.close();
    }

    @Test
    void shall_show_serial_scans_and_the_scale_weight_and_pack_without_the_keyboard() throws Exception {
        PickFloor f = new PickFloor();
        String mug = f.product("MUG-350", "Enamel mug 350 ml");
        f.tote(1);
        f.receive("MUG-350", f.bin(1), 5);
        long order = f.order("ser-page-1", "MUG-350", 1);
        f.wave();
        String picker = "ser-picker-" + f.zone;
        long task = given().contentType(ContentType.JSON).body(Map.of("picker", picker)).post("/api/picking/claim")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        Pick.pickAll(null, picker, task, Map.of("MUG-350", mug));
        String tote = given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("stops[0].tote");
        String station = "SP-" + f.zone, scanner = "SCANNER-" + f.zone, scale = "SCALE-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "STANDARD", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);

        try (Pty scannerLine = new Pty(); Pty scaleLine = new Pty()) {
            given().contentType(ContentType.JSON).body(Map.of("kind", "SCANNER", "connection", "SERIAL", "port", scannerLine.device(),
                    "options", Map.of("suffix", "CR"), "station", station)).put("/api/devices/" + scanner).then().statusCode(201);
            given().contentType(ContentType.JSON).body(Map.of("kind", "SCALE", "connection", "SERIAL", "port", scaleLine.device(),
                    "options", Map.of("protocol", "CONTINUOUS"), "station", station)).put("/api/devices/" + scale).then().statusCode(201);
            hh.signIn(page + "?station=" + station, SignInPage.staff("serial-packer", "PACKER"));
            hh.waitForScreen("ready");
            hh.waitFor("scanner online", () -> "ONLINE".equals(given().get("/api/devices/" + scanner).then().extract().path("status.state")));
            hh.waitFor("page listening", () -> Long.valueOf(1).equals(hh.js("return window.Floor.feedOpen ? 1 : 0")));

            // The tote, scanned on the serial scanner, opens the order on the screen.
            scannerLine.write(tote + "\r");
            hh.waitForScreen("packing");
            assertEquals(String.valueOf(order), hh.text("order-id"));
            assertEquals(scanner + ": " + tote, hh.text("serial"));
            scannerLine.write(mug + "\r");
            hh.waitFor("unit counted", () -> "1".equals(cellText("MUG-350", "scanned")));
            assertEquals("good", hh.bannerClass(), hh.text("banner"));

            // The parcel on the scale: the weight appears and fills the weight field.
            scaleLine.write("US,GS,+  0.401kg\r\n");
            hh.waitFor("moving weight shown", () -> hh.text("scale").equals("Scale 401 g (moving)"));
            scaleLine.write("ST,GS,+  0.420kg\r\n");
            hh.waitFor("stable weight shown", () -> hh.text("scale").equals("Scale 420 g"));
            assertEquals("420", hh.driver.findElement(By.id("weight")).getAttribute("value"));
            hh.screenshot("pack-serial-scale.png");

            // CLOSE from the scanner: the parcel closes with the scale's weight, the label shows.
            scannerLine.write("CLOSE\r");
            hh.waitForScreen("packed");
            long shipment = Long.parseLong(hh.text("shipment-id"));
            given().get("/api/orders/" + order).then().body("status", equalTo("PACKED"));
            assertEquals(420, HandheldPickPageTest.count("select weight_g from shipment where id = ?", shipment));
            hh.screenshot("pack-serial-closed.png");

            // The scanner is pulled out: the page says so.
            scannerLine.unplug();
            hh.waitFor("offline shown", () -> hh.text("devices").startsWith(scanner + " offline"));
            assertEquals("bad", hh.bannerClass());
            hh.screenshot("pack-serial-offline.png");
        } finally {
            given().delete("/api/devices/" + scanner);
            given().delete("/api/devices/" + scale);
        }
    }

    @Test
    void shall_take_the_last_label_off_the_screen_when_the_serial_scanner_sends_a_refused_scan() throws Exception {
        PickFloor f = new PickFloor();
        String sock = f.product("SOCK-BLUE", "Blue socks");
        f.tote(1);
        f.receive("SOCK-BLUE", f.bin(1), 5);
        long first = f.order("ser-label-1", "SOCK-BLUE", 1), second = f.order("ser-label-2", "SOCK-BLUE", 1);
        f.wave();
        String picker = "ser-label-picker-" + f.zone;
        long task = given().contentType(ContentType.JSON).body(Map.of("picker", picker)).post("/api/picking/claim")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        Pick.pickAll(null, picker, task, Map.of("SOCK-BLUE", sock));
        String station = "SL-" + f.zone, scanner = "SCANNER-SL-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);

        try (Pty scannerLine = new Pty()) {
            given().contentType(ContentType.JSON).body(Map.of("kind", "SCANNER", "connection", "SERIAL", "port", scannerLine.device(),
                    "options", Map.of("suffix", "CR"), "station", station)).put("/api/devices/" + scanner).then().statusCode(201);
            hh.signIn(page + "?station=" + station, SignInPage.staff("serial-label-packer", "PACKER"));
            hh.waitForScreen("ready");
            hh.waitFor("scanner online", () -> "ONLINE".equals(given().get("/api/devices/" + scanner).then().extract().path("status.state")));
            hh.waitFor("page listening", () -> Long.valueOf(1).equals(hh.js("return window.Floor.feedOpen ? 1 : 0")));

            serialAnswered(scannerLine, sock);
            long shipped = hh.labelShown();
            assertEquals(first, HandheldPickPageTest.count("select order_id from shipment where id = ?", shipped));

            // A code no item has, from the scanner: the first order's label goes, the screen says there is none.
            String unknown = "NOPE-" + f.zone;
            serialAnswered(scannerLine, unknown);
            assertEquals(scanner + ": " + unknown, hh.text("serial"));
            assertEquals("bad", hh.bannerClass());
            assertFalse(hh.visible("parcel"), "order " + first + "'s label stays on screen after a refused serial scan");
            assertEquals(List.of(), hh.paintedImages());
            assertTrue(hh.visible("nolabel"));
            assertFalse(hh.visibleText().contains("ser-label-1"), hh.visibleText());
            hh.screenshot("pack-serial-refused.png");

            // The next unit: the second order's label.
            serialAnswered(scannerLine, sock);
            shipped = hh.labelShown();
            assertEquals(second, HandheldPickPageTest.count("select order_id from shipment where id = ?", shipped));
            assertEquals("Label for order " + second + " (ser-label-2) · shop " + f.shop + " · shipment " + shipped, hh.text("label-for"));
            assertFalse(hh.visible("nolabel"));
        } finally {
            given().delete("/api/devices/" + scanner);
        }
    }

    /** Sends a code from the serial scanner and waits until the page has shown its answer. */
    private void serialAnswered(Pty scannerLine, String code) throws java.io.IOException {
        int before = hh.answers();
        scannerLine.write(code + "\r");
        hh.waitFor("answer to serial scan " + code, () -> hh.answers() > before);
    }

    /** A table cell, read while the page may be redrawing the table (then: not yet). */
    private String cellText(String sku, String column) {
        try {
            return hh.driver.findElement(By.cssSelector("#lines tr[data-sku='" + sku + "'] td." + column)).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }
}
