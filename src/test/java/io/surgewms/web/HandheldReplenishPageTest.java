package io.surgewms.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The replenisher's handheld page in a real headless Chromium: claim, release, claim again, a wrong bin, then reserve → face. */
@QuarkusTest
class HandheldReplenishPageTest {

    @TestHTTPResource("/floor/replenish")
    URL page;

    Handheld hh;

    @BeforeEach
    void browser() {
        assumeTrue(Files.isExecutable(Handheld.CHROMEDRIVER),
                "Skipped: /usr/bin/chromedriver is missing. Install it with: apt-get install chromium chromium-driver (.ci/run does)");
        hh = new Handheld();
    }

    @AfterEach
    void close() {
        if (hh != null) hh.close();
    }

    @Test
    void shall_let_a_replenisher_refill_a_pick_face_from_reserve_by_scanning() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("REFILL", "482100000001");
        String face = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 9);
        f.receive("REFILL", face, 1);
        f.receive("REFILL", reserve, 20);
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "sku", "REFILL", "min", 2, "max", 6))
                .put("/api/pick-faces/" + face).then().statusCode(200).body("openTask", notNullValue()); // 1 < min 2: a task for 5

        SignInPage.Staff staff = SignInPage.staff("hh-replen", "PICKER");
        hh.signIn(page + "?zone=" + f.zone, staff);
        hh.waitForScreen("idle");
        assertTrue(hh.scanFieldFocused());
        assertEquals(staff.username(), hh.text("who"));
        hh.screenshot("replenish-idle.png");

        hh.click("claim");
        hh.waitForScreen("task");
        assertEquals(reserve, hh.text("from"));
        assertEquals("REFILL", hh.text("sku"));
        assertEquals("0 of 5", hh.text("picked") + " of " + hh.text("quantity"));
        assertEquals(face, hh.text("to"));
        assertEquals("FROM", hh.expect());
        assertEquals("Scan bin " + reserve, hh.text("expect"));
        long id = given().get("/api/replenishment/tasks?status=CLAIMED&zone=" + f.zone).then().statusCode(200)
                .body("[0].picker", equalTo(staff.username())).extract().jsonPath().getLong("[0].id");

        // Release takes two taps; the task goes back to the pool, and Enter claims it again.
        hh.click("release");
        assertEquals("task", hh.screen(), "one tap does not give the task away");
        hh.click("release");
        hh.waitForScreen("idle");
        given().get("/api/replenishment/tasks/" + id).then().body("status", equalTo("OPEN"));
        assertTrue(hh.scanFieldFocused());
        new org.openqa.selenium.interactions.Actions(hh.driver).sendKeys(org.openqa.selenium.Keys.ENTER).perform(); // the scanner's trigger on an empty field
        hh.waitForScreen("task");
        given().get("/api/replenishment/tasks/" + id).then().body("status", equalTo("CLAIMED"));

        // A wrong bin: red banner with the server's message, the error tone's flash, still at the reserve bin.
        hh.scanAnswered(face);
        assertEquals("bad", hh.bannerClass());
        assertEquals("Wrong bin " + face + ": take the units from " + reserve, hh.text("banner"));
        assertTrue(Boolean.TRUE.equals(hh.js("return document.body.classList.contains('flash-bad')")));
        assertEquals("FROM", hh.expect());
        hh.screenshot("replenish-rejected.png");

        hh.scanAnswered(reserve);
        assertEquals("good", hh.bannerClass());
        assertEquals("ITEM", hh.expect());
        assertEquals("Scan item REFILL", hh.text("expect"));
        hh.scanAnswered(gtin);
        hh.scanAnswered(gtin);
        assertEquals("2", hh.text("picked"));
        assertEquals("Scan item, or key quantity", hh.text("expect"));
        assertTrue(hh.scanFieldFocused());
        assertTrue(hh.visible("release") && hh.js("return document.getElementById('release').getBoundingClientRect().bottom <= innerHeight")
                .equals(Boolean.TRUE), "Release and the scan field fit on a 360×640 screen");
        hh.screenshot("replenish-handheld.png");

        hh.scanAnswered("5"); // the rest keyed
        assertEquals("good", hh.bannerClass());
        assertEquals("Put 5 in " + face, hh.text("banner"));
        assertEquals("TO", hh.expect());
        assertEquals("Scan pick face " + face, hh.text("expect"));

        hh.scanAnswered(face);
        hh.waitForScreen("done");
        assertEquals("Done: 5 × REFILL in " + face, hh.text("banner"));
        assertTrue(hh.text("done-text").contains("5 × REFILL moved from " + reserve + " to " + face), hh.text("done-text"));
        assertTrue(hh.scanFieldFocused());
        hh.screenshot("replenish-done.png");

        // The pick page's idle screen links here (one tap between the two jobs).
        hh.open(page.toString().replace("/floor/replenish", "/floor/pick"));
        hh.waitForScreen("idle");
        assertEquals("/floor/replenish", hh.driver.findElement(org.openqa.selenium.By.cssSelector("#idle a.other")).getDomAttribute("href"));
        hh.screenshot("pick-idle.png");

        // The stock moved, as the API sees it: face 1 → 6, reserve 20 → 15, ledger = stock.
        given().get("/api/replenishment/tasks/" + id).then().body("status", equalTo("DONE")).body("moved", equalTo(5));
        given().get("/api/pick-faces/" + face).then().statusCode(200).body("[0].onHand", equalTo(6)).body("[0].openTask", nullValue());
        given().get("/api/stock?location=" + reserve).then().statusCode(200).body("items[0].onHand", equalTo(15));
        given().get("/api/inventory/reconciliation").then().statusCode(200).body("consistent", equalTo(true));
        assertEquals(1, f.count("select count(*) from scan where replenishment_id = ? and result = 'REJECTED'", id));
        assertEquals(0, f.count("select count(*) from scan where replenishment_id = ? and (device <> 'handheld-web' or device is null)", id));
    }
}
