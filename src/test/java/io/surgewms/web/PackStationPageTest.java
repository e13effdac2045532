package io.surgewms.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Pick;
import io.surgewms.testsupport.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

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
 * The pack station page in a real headless Chromium at 1280×800: open a picked tote, scan a wrong
 * item and the right ones as a wedge scanner types them, close the parcel, and see its label.
 */
@QuarkusTest
class PackStationPageTest {

    @TestHTTPResource("/floor/pack")
    URL page;

    Handheld hh;

    @BeforeEach
    void browser() {
        assumeTrue(Files.isExecutable(Handheld.CHROMEDRIVER),
                "Skipped: /usr/bin/chromedriver is missing. Install it with: apt-get install chromium chromium-driver (.ci/run does)");
        hh = new Handheld(1280, 800);
    }

    @AfterEach
    void close() {
        if (hh != null) hh.close();
    }

    private String cell(String sku, String column) {
        return hh.driver.findElement(By.cssSelector("#lines tr[data-sku='" + sku + "'] td." + column)).getText();
    }

    @Test
    void shall_pack_a_picked_tote_by_scanning_and_show_the_parcel_label() {
        // A picked order of 2 + 1 units in one tote, through the API.
        PickFloor f = new PickFloor();
        String serum = f.product("SERUM-30", "Hydrating glow serum, 30 ml");
        String balm = f.product("BALM-15", "Lip balm 15 g");
        String other = f.product("CREAM-50", "Night cream 50 ml"); // a known item, not on the order
        String serumBin = f.bin(1), balmBin = f.bin(2);
        f.tote(1);
        f.receive("SERUM-30", serumBin, 10);
        f.receive("BALM-15", balmBin, 10);
        long order = f.order("pk-page-1", "SERUM-30", 2, "BALM-15", 1);
        f.wave();
        String picker = "pk-picker-" + f.zone;
        long task = given().contentType(ContentType.JSON).body(Map.of("picker", picker)).post("/api/picking/claim")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        Pick.pickAll(null, picker, task, Map.of("SERUM-30", serum, "BALM-15", balm));
        given().get("/api/orders/" + order).then().body("status", equalTo("PICKED"));
        String tote = given().get("/api/picking/tasks/" + task).then().extract().jsonPath().getString("stops[0].tote");

        String station = "PS-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "STANDARD", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);

        // Station from the address; the packer signs in at the station with badge + PIN and is the page's packer.
        SignInPage.Staff packer = SignInPage.staff("packer", "PACKER");
        hh.signIn(page + "?station=" + station, packer);
        hh.waitForScreen("ready");
        assertTrue(hh.scanFieldFocused());
        assertEquals("Packer " + packer.username(), hh.text("who"));
        assertEquals("Station " + station, hh.text("station-code"));
        assertEquals(station, hh.js("return sessionStorage.getItem('surge.station')"));

        // The tote opens its order.
        hh.scanAnswered(tote);
        hh.waitForScreen("packing");
        assertEquals(String.valueOf(order), hh.text("order-id"));
        assertEquals(f.shop, hh.text("shop"));
        assertEquals("2", cell("SERUM-30", "left"));
        assertEquals("1", cell("BALM-15", "left"));
        String suggested = hh.text("suggested");
        assertEquals(suggested, hh.driver.findElement(By.id("carton")).getAttribute("value"), "the carton select starts at the suggestion");
        assertTrue(hh.text("estimate").endsWith(" g"));
        hh.screenshot("pack-open.png");

        // A wrong item: red banner with the server's message, nothing counted.
        hh.scanAnswered(other);
        assertEquals("bad", hh.bannerClass());
        assertEquals(other + " is not on order " + order + ": put it aside", hh.text("banner"));
        assertEquals("0", cell("SERUM-30", "scanned"));
        assertEquals("0", cell("BALM-15", "scanned"));
        hh.screenshot("pack-rejected.png");

        // A reload forgets the order on screen; the next item scan picks the open order up again.
        hh.open(page + "?station=" + station);
        hh.waitForScreen("ready");
        hh.scanAnswered(serum);
        hh.waitForScreen("packing");
        assertEquals("good", hh.bannerClass(), hh.text("banner"));
        assertEquals("1", cell("SERUM-30", "scanned"));
        hh.scanAnswered(serum, Keys.TAB); // a wedge may end a scan with Tab
        assertEquals("0", cell("SERUM-30", "left"));
        hh.scanAnswered(balm);
        assertEquals("good", hh.bannerClass(), hh.text("banner"));
        assertEquals("0", cell("BALM-15", "left"));
        assertTrue(hh.scanFieldFocused());
        hh.screenshot("pack-scanned.png");

        // Weight typed into its field, carton kept; then CLOSE from the scanner closes the parcel.
        hh.driver.findElement(By.id("weight")).sendKeys("420");
        hh.driver.findElement(By.id("weight")).sendKeys(Keys.ENTER);
        assertTrue(hh.scanFieldFocused(), "Enter in the weight field goes back to the scan field");
        hh.scanAnswered("CLOSE");
        hh.waitForScreen("packed");
        assertEquals("Order " + order + " PACKED", hh.text("ready-title"));
        assertEquals("Parcel 1 closed", hh.text("parcel-title"));
        long shipment = Long.parseLong(hh.text("shipment-id"));
        String src = hh.driver.findElement(By.id("label")).getAttribute("src");
        assertTrue(src.endsWith("/api/shipments/" + shipment + "/label?format=png"), src);
        assertTrue(hh.driver.findElement(By.id("zpl")).getAttribute("href").endsWith("/api/shipments/" + shipment + "/label?format=zpl"));
        assertEquals("Parcels closed: 1", hh.text("count"));
        assertEquals("Label for order " + order + " (pk-page-1) · shop " + f.shop + " · shipment " + shipment, hh.text("label-for"));
        hh.waitFor("label preview loaded", () -> Boolean.TRUE.equals(
                hh.js("const i = document.getElementById('label'); return i.complete && i.naturalWidth > 0")));
        assertEquals(812L, hh.js("return document.getElementById('label').naturalWidth"), "the 4-inch label at 203 dpi");
        hh.screenshot("pack-packed.png");

        given().get("/api/orders/" + order).then().body("status", equalTo("PACKED"));
        given().get("/api/shipments/" + shipment + "/label").then().statusCode(200).contentType("application/pdf");
        assertEquals(420, HandheldPickPageTest.count("select weight_g from shipment where id = ? and order_id = ?", shipment, order));
        assertEquals(suggested, String.valueOf(hh.js("return document.getElementById('carton').value")));

        // Ready for the next tote: the same tote now has nothing picked to pack. The refusal takes the closed
        // parcel's label and its PACKED off the screen: they are not for what the packer holds now.
        hh.scanAnswered(tote);
        assertEquals("bad", hh.bannerClass());
        assertEquals("ready", hh.screen());
        assertFalse(hh.visible("parcel"), "the closed parcel's label stays on screen after a refused scan");
        assertTrue(hh.visible("nolabel"));
        assertEquals(List.of(), hh.paintedImages());
        assertEquals("Ready", hh.text("ready-title"), "no 'Order " + order + " PACKED' left under the red banner");
        hh.screenshot("pack-packed-refused.png");
    }

    @Test
    void shall_scan_and_ship_singles_one_label_per_scan() {
        PickFloor f = new PickFloor();
        String tee = f.product("TEE-VIRAL", "The tee from the video");
        f.tote(1);
        f.receive("TEE-VIRAL", f.bin(1), 10);
        long first = f.order("sg-page-1", "TEE-VIRAL", 1), second = f.order("sg-page-2", "TEE-VIRAL", 1);
        f.wave();
        String picker = "sg-picker-" + f.zone;
        long task = given().contentType(ContentType.JSON).body(Map.of("picker", picker)).post("/api/picking/claim")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        Pick.pickAll(null, picker, task, Map.of("TEE-VIRAL", tee));
        String station = "SG-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);

        hh.signIn(page + "?station=" + station, SignInPage.staff("singles-packer", "PACKER"));
        hh.waitForScreen("ready");
        // Each scan of the unit ships the next order that wants it and shows its label at once.
        hh.scanAnswered(tee);
        hh.waitForScreen("singles");
        assertEquals("good", hh.bannerClass(), hh.text("banner"));
        assertEquals("Station " + station + " · singles", hh.text("station-code"));
        assertEquals("Shipped: 1", hh.text("count"));
        long shipment = Long.parseLong(hh.text("shipment-id"));
        hh.waitFor("label preview loaded", () -> Boolean.TRUE.equals(
                hh.js("const i = document.getElementById('label'); return i.complete && i.naturalWidth > 0")));
        hh.screenshot("pack-singles.png");
        assertEquals(first, HandheldPickPageTest.count("select order_id from shipment where id = ?", shipment), "earliest order first");

        hh.scanAnswered(tee);
        assertEquals("Shipped: 2", hh.text("count"));
        given().get("/api/orders/" + second).then().body("status", equalTo("PACKED"));
        assertTrue(hh.text("ready-text").contains("order " + second), hh.text("ready-text"));

        // Nothing left that wants the tee: a red banner, no label, the count stays.
        hh.scanAnswered(tee);
        assertEquals("bad", hh.bannerClass());
        assertTrue(hh.text("banner").startsWith("No picked order waits for " + tee), hh.text("banner"));
        assertFalse(hh.visible("parcel"), "order " + second + "'s label stays on screen");
        assertEquals("Shipped: 2", hh.text("count"));
        assertTrue(hh.scanFieldFocused());
    }

    @Test
    void shall_show_no_label_after_a_refused_singles_scan_only_the_label_of_the_scan_that_shipped() {
        PickFloor f = new PickFloor();
        String cap = f.product("CAP-RED", "Red cap");
        f.tote(1);
        f.receive("CAP-RED", f.bin(1), 10);
        long first = f.order("wl-page-1", "CAP-RED", 1), second = f.order("wl-page-2", "CAP-RED", 1);
        f.wave();
        String picker = "wl-picker-" + f.zone;
        long task = given().contentType(ContentType.JSON).body(Map.of("picker", picker)).post("/api/picking/claim")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        Pick.pickAll(null, picker, task, Map.of("CAP-RED", cap));
        String station = "WL-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
        hh.signIn(page + "?station=" + station, SignInPage.staff("label-packer", "PACKER"));
        hh.waitForScreen("ready");

        hh.scanAnswered(cap);
        hh.waitForScreen("singles");
        long shipped = hh.labelShown();
        assertEquals(first, HandheldPickPageTest.count("select order_id from shipment where id = ?", shipped));
        assertEquals("Order " + first + " (wl-page-1) shipped", hh.text("parcel-title"));
        hh.screenshot("pack-singles-label.png");

        // An unknown code: red, and nothing of the first order is left to stick on the item in hand.
        String unknown = "NOPE-" + f.zone;
        hh.scanAnswered(unknown);
        assertEquals("bad", hh.bannerClass());
        assertEquals(unknown + " is no known item: put it aside", hh.text("banner"));
        assertNoLabelOf(first, "wl-page-1");
        hh.screenshot("pack-singles-refused.png");

        // The next good scan: the second order's label, named by the same answer, painted only once it is that label.
        hh.scanAnswered(cap);
        assertFalse(hh.labelPreviewPaintedUnloaded(), "the preview paints before its picture loaded: the last label's");
        shipped = hh.labelShown();
        assertEquals(second, HandheldPickPageTest.count("select order_id from shipment where id = ?", shipped));
        assertTrue(hh.driver.findElement(By.id("label")).getAttribute("src").endsWith("/api/shipments/" + shipped + "/label?format=png"));
        assertEquals("Label for order " + second + " (wl-page-2) · shop " + f.shop + " · shipment " + shipped, hh.text("label-for"));
        assertFalse(hh.visible("nolabel"));

        // A wrong check digit and then nothing left to ship: still no label of the second order.
        String badCheck = cap.substring(0, 12) + (char) ('0' + (cap.charAt(12) - '0' + 1) % 10);
        hh.scanAnswered(badCheck);
        assertEquals("Barcode " + badCheck + " has a wrong check digit: scan again", hh.text("banner"));
        assertNoLabelOf(second, "wl-page-2");
        hh.scanAnswered(cap);
        assertTrue(hh.text("banner").startsWith("No picked order waits for " + cap), hh.text("banner"));
        assertNoLabelOf(second, "wl-page-2");
        assertEquals("Shipped: 2", hh.text("count"));
    }

    /** After a refused scan: the label area says there is none, and nothing on screen names the last order. */
    private void assertNoLabelOf(long order, String externalId) {
        assertFalse(hh.visible("parcel"), "order " + order + "'s label stays on screen after a refused scan");
        assertEquals(List.of(), hh.paintedImages());
        assertTrue(hh.visible("nolabel"));
        assertEquals("No label for this scan", hh.driver.findElement(By.cssSelector("#nolabel h2")).getText());
        String seen = hh.visibleText();
        assertFalse(seen.contains(externalId) || seen.contains("Order " + order + " ") || seen.contains("order " + order + ","), seen);
        assertEquals("singles", hh.screen());
    }
}
