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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The counter's handheld page in a real headless Chromium: claim a count, scan the bin and the items, blind, finish. */
@QuarkusTest
class HandheldCountPageTest {

    @TestHTTPResource("/floor/count")
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
    void shall_let_a_counter_count_a_bin_blind_by_scanning() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("SERUM-30", "481000000001");
        String bin = f.bin("PICK_FACE", 1), elsewhere = f.bin("PICK_FACE", 2);
        f.receive("SERUM-30", bin, 47);
        long id = given().contentType(ContentType.JSON).body(Map.of("location", bin, "shop", f.shop, "sku", "SERUM-30"))
                .post("/api/counts").then().statusCode(201).extract().jsonPath().getLong("id");

        SignInPage.Staff staff = SignInPage.staff("hh-counter", "PICKER");
        hh.signIn(page + "?zone=" + f.zone, staff);
        hh.waitForScreen("idle");
        assertTrue(hh.scanFieldFocused());
        assertEquals(staff.username(), hh.text("who"));

        hh.click("claim");
        hh.waitForScreen("count");
        assertEquals(bin, hh.text("location"));
        assertEquals("LOCATION", hh.expect());
        assertEquals("Scan bin " + bin, hh.text("expect"));

        // A wrong bin: red banner, the count stays at the bin.
        hh.scanAnswered(elsewhere);
        assertEquals("bad", hh.bannerClass());
        assertEquals("Wrong bin " + elsewhere + ": go to " + bin, hh.text("banner"));
        hh.screenshot("count-rejected.png");

        hh.scanAnswered(bin);
        assertEquals("good", hh.bannerClass());
        assertEquals("ITEM", hh.expect());
        hh.scanAnswered(gtin);
        hh.scanAnswered(gtin);
        assertTrue(hh.text("tally").contains("2"), hh.text("tally"));
        hh.scanAnswered("45"); // the rest keyed
        assertEquals("SERUM-30: 45 counted", hh.text("banner"));
        assertTrue(hh.text("tally").contains("45"), hh.text("tally"));
        String everything = hh.driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
        // As a number of its own: random bin and zone codes may hold the digits "47" inside them.
        assertFalse(java.util.regex.Pattern.compile("\\b47\\b").matcher(everything).find(), "blind: the system's quantity is nowhere on the page:\n" + everything);
        hh.screenshot("count-handheld.png");

        hh.click("finish");
        hh.waitForScreen("done");
        assertTrue(hh.text("done-text").contains("45 units counted"), hh.text("done-text"));
        hh.screenshot("count-done.png");

        // 45 of 47 is within 2 units: booked at once, by the counter, as a COUNT ledger row.
        given().get("/api/counts/" + id + "/review").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("DONE")).body("lines[0].variance", org.hamcrest.Matchers.equalTo(-2));
        assertEquals(45, f.count("select on_hand from stock s join location l on l.id = s.location_id where l.code = ?", bin));
        assertEquals(1, f.count("select count(*) from scan where count_task_id = ? and result = 'REJECTED'", id));
        assertEquals(0, f.count("select count(*) from scan where count_task_id = ? and (device <> 'handheld-web' or device is null) and code <> 'DONE'", id));
    }
}
