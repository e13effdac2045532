package io.surgewms.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.surgewms.returns.Shipped;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.net.URL;
import java.nio.file.Files;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The returns station page in headless Chromium at 1280×800: find the return from the parcel's old label,
 * scan each item as a wedge scanner types it, choose its fate, take an unexpected item, refuse a wrong bin, close.
 */
@QuarkusTest
class ReturnsStationPageTest {

    @TestHTTPResource("/floor/returns")
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

    private void clickAnswered(String id) {
        int before = hh.answers();
        hh.click(id);
        hh.waitFor("answer to " + id, () -> hh.answers() > before);
    }

    @Test
    void shall_receive_a_return_by_scanning_and_choosing_each_units_fate() {
        Floor f = new Floor();
        String serum = f.skuWithGtin("SERUM-30", "405100000001"), balm = f.skuWithGtin("BALM-15", "405100000002");
        String face = f.bin("PICK_FACE", 1), faceB = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 3);
        Shipped.quarantine(f);
        String tote = f.tote(1);
        f.receive("SERUM-30", face, 5);
        f.receive("BALM-15", faceB, 5);
        long order = Shipped.order(f, Map.of("SERUM-30", serum, "BALM-15", balm), "rt-page-" + f.zone, "SERUM-30", 2, "BALM-15", 1);
        JsonPath r = Shipped.create(Shipped.rma(order, "SERUM-30", 2, "DAMAGED", "BALM-15", 1, "CHANGED_MIND"));
        String code = r.getString("code");
        String tracking = f.text("select tracking_number from shipment where order_id = ?", order);

        SignInPage.Staff clerk = SignInPage.staff("clerk", "PACKER");
        hh.signIn(page.toString(), clerk);
        hh.waitForScreen("ready");
        assertTrue(hh.scanFieldFocused());
        assertEquals("Returns clerk " + clerk.username(), hh.text("who"));

        // The old shipping label on the parcel finds the return.
        hh.scanAnswered(tracking);
        hh.waitForScreen("receiving");
        assertEquals(code, hh.text("rma-code"));
        assertEquals("2", cell("SERUM-30", "left"));
        assertEquals("item", hh.expect());

        // A serum back on the reserve shelf: item, RESTOCK (button), then the bin.
        hh.scanAnswered(serum);
        assertEquals("disposition", hh.expect());
        hh.click("RESTOCK");
        hh.waitFor("the bin prompt", () -> "location".equals(hh.expect()));
        assertTrue(hh.scanFieldFocused());
        hh.scanAnswered(reserve);
        assertEquals("good", hh.bannerClass(), hh.text("banner"));
        assertEquals("1", cell("SERUM-30", "left"));

        // The second serum is damaged: a note, then QUARANTINE.
        hh.scanAnswered(serum);
        hh.click("note");
        new Actions(hh.driver).sendKeys("seal broken").sendKeys(Keys.ENTER).perform();
        assertTrue(hh.scanFieldFocused(), "Enter in the note hands focus back to the scan field");
        clickAnswered("QUARANTINE");
        assertEquals("good", hh.bannerClass(), hh.text("banner"));
        assertEquals("0", cell("SERUM-30", "left"));

        // The balm to a bin that is a tote: refused in red, the unit stays in hand; the right bin takes it.
        hh.scanAnswered(balm);
        hh.scanAnswered("RESTOCK");
        hh.scanAnswered(tote);
        assertEquals("bad", hh.bannerClass());
        assertTrue(hh.text("banner").contains("restock into a pick face or reserve bin"), hh.text("banner"));
        assertEquals("location", hh.expect());
        hh.scanAnswered(faceB);
        assertEquals("good", hh.bannerClass(), hh.text("banner"));

        // Something the customer sent that the return does not expect: flagged, scrapped.
        hh.scanAnswered("PHONE-CASE-X");
        assertEquals("Not on this return: it will be recorded as unexpected", hh.text("inhand-hint"));
        hh.screenshot("returns-unexpected.png");
        hh.scanAnswered("SCRAP");
        assertEquals("info", hh.bannerClass(), hh.text("banner"));
        assertTrue(hh.text("banner").startsWith("Unexpected item PHONE-CASE-X"), hh.text("banner"));
        assertEquals(4, hh.driver.findElements(By.cssSelector("#units li")).size());
        assertEquals(1, hh.driver.findElements(By.cssSelector("#units li.unexpected")).size());
        assertTrue(hh.scanFieldFocused());
        hh.screenshot("returns-station.png");

        clickAnswered("close");
        hh.waitForScreen("ready");
        assertEquals(code + " closed", hh.text("ready-title"));
        given().get("/api/returns/" + r.getLong("id")).then().body("status", equalTo("RESTOCKED"))
                .body("units[1].note", equalTo("seal broken"));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }
}
