package io.surgewms.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import java.net.URL;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The picker's handheld page in a real headless Chromium: sign in, get a task, pick it whole by
 * typing barcodes into the scan field as a wedge scanner does, and see the server's answers.
 */
@QuarkusTest
class HandheldPickPageTest {

    @TestHTTPResource("/floor/pick")
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

    static long count(String sql, Object... args) {
        try (Connection c = Floor.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shall_let_a_picker_pick_a_whole_task_by_scanning_and_show_every_answer() {
        PickFloor f = new PickFloor();
        String serum = f.product("SERUM-30", "Hydrating glow serum with vitamin C and hyaluronic acid, 30 ml travel bottle");
        String balm = f.product("BALM-15", "Lip balm 15 g");
        String serumBin = f.bin(1);
        String balmBin = f.bin(4);
        f.bin(7); // an empty bin: the wrong place to be
        for (int i = 1; i <= 3; i++) f.tote(i);
        f.receive("SERUM-30", serumBin, 10);
        f.receive("BALM-15", balmBin, 10);
        f.order("hh-1", "SERUM-30", 2, "BALM-15", 1);
        f.order("hh-2", "BALM-15", 3);
        long wave = f.wave();
        given().get("/api/waves/" + wave).then().body("orders", equalTo(2)).body("units", equalTo(6));

        // The picker signs in with badge + PIN on the handheld; the page picks as the signed-in user.
        SignInPage.Staff staff = SignInPage.staff("hh-picker", "PICKER");
        String picker = staff.username();
        hh.signIn(page.toString(), staff);
        hh.waitForScreen("idle");
        assertTrue(hh.scanFieldFocused(), "the scan field has focus from the start");
        assertEquals(picker, hh.text("who"));
        assertTrue(hh.visible("signout"));

        hh.click("claim");
        hh.waitForScreen("task");
        assertTrue(hh.scanFieldFocused(), "focus returns to the scan field after a button");
        long taskId = Long.parseLong(String.valueOf(hh.js("return sessionStorage.getItem('surge.task')")));
        JsonPath task = given().get("/api/picking/tasks/" + taskId).then().statusCode(200)
                .body("status", equalTo("CLAIMED")).body("picker", equalTo(picker)).body("waveId", equalTo((int) wave))
                .extract().jsonPath();
        List<Map<String, Object>> stops = task.getList("stops");
        assertEquals(6, stops.stream().mapToInt(s -> (Integer) s.get("quantity")).sum(), "the task carries this floor's 6 units");

        // Pause and resume keep the task; the page says where the picker stands.
        hh.click("pause");
        hh.waitForScreen("paused");
        given().get("/api/picking/tasks/" + taskId).then().body("status", equalTo("PAUSED"));
        hh.click("resume");
        hh.waitForScreen("task");

        Map<String, Object> first = stops.get(0);
        assertEquals(first.get("location"), hh.text("location"));
        assertEquals(first.get("sku"), hh.text("sku"));
        assertEquals("0", hh.text("picked"));
        assertEquals(String.valueOf(first.get("quantity")), hh.text("quantity"));
        assertEquals(first.get("tote"), hh.text("tote"));
        assertEquals("LOCATION", hh.expect());
        assertEquals("Scan bin " + first.get("location"), hh.text("expect"));
        assertEquals("Stops 0/" + stops.size() + " · Units 0/6", hh.text("progress"));
        hh.screenshot("pick-next-stop.png");

        // A wrong bin: red banner with the server's message, and the stop does not advance.
        String wrongBin = f.bins.stream().filter(b -> !b.equals(first.get("location"))).findFirst().orElseThrow();
        hh.scanAnswered(wrongBin);
        assertEquals("bad", hh.bannerClass());
        assertEquals("Wrong bin " + wrongBin + ": go to " + first.get("location"), hh.text("banner"));
        assertEquals("LOCATION", hh.expect());
        assertEquals(first.get("location"), hh.text("location"));
        hh.screenshot("pick-rejected.png");

        boolean keyedQuantity = false;
        for (int i = 0; i < stops.size(); i++) {
            Map<String, Object> s = stops.get(i);
            String location = (String) s.get("location");
            String sku = (String) s.get("sku");
            String tote = (String) s.get("tote");
            int quantity = (Integer) s.get("quantity");
            assertEquals(location, hh.text("location"), "stop " + (i + 1) + " is shown");
            assertEquals("Stops " + i + "/" + stops.size(), hh.text("progress").split(" · ")[0]);

            hh.scanAnswered(location);
            assertEquals("good", hh.bannerClass());
            assertEquals("ITEM", hh.expect());

            String gtin = f.gtins.get(sku);
            if (quantity > 1 && !keyedQuantity) {
                // One item scan, then the quantity keyed in.
                hh.scanAnswered(gtin);
                assertEquals("1", hh.text("picked"));
                assertEquals("Scan item, or key quantity", hh.text("expect"));
                hh.scanAnswered(String.valueOf(quantity));
                keyedQuantity = true;
            } else {
                for (int u = 1; u <= quantity; u++) {
                    hh.scanAnswered(gtin);
                    assertEquals("good", hh.bannerClass(), hh.text("banner"));
                    if (u < quantity) assertEquals(String.valueOf(u), hh.text("picked"));
                }
            }
            assertEquals("TOTE", hh.expect());
            assertEquals("Put " + quantity + " in " + tote, hh.text("banner"));

            if (i == stops.size() - 1) {
                // The network drops: the tote scan is kept, shown, and sent on Retry.
                hh.offline(true);
                hh.scan(tote, Keys.ENTER);
                hh.waitFor("pending scan", () -> hh.visible("pending"));
                assertEquals("Not sent yet: " + tote, hh.text("pending-text"));
                assertTrue(hh.text("banner").contains("NOT sent"), hh.text("banner"));
                assertEquals("TOTE", hh.expect());
                hh.screenshot("pick-offline.png");
                hh.offline(false);
                int before = hh.answers();
                hh.click("retry");
                hh.waitFor("retried scan answered", () -> hh.answers() > before);
                assertFalse(hh.visible("pending"));
            } else {
                hh.scanAnswered(tote, Keys.TAB); // DataWedge may end a scan with Tab
            }
        }
        assertTrue(keyedQuantity, "the floor has a stop of more than one unit");

        hh.waitForScreen("done");
        assertEquals("Task complete", hh.text("done").lines().findFirst().orElse(""));
        assertEquals("Stops " + stops.size() + "/" + stops.size() + " · Units 6/6", hh.text("progress"));
        assertTrue(hh.scanFieldFocused());
        hh.screenshot("pick-done.png");

        given().get("/api/picking/tasks/" + taskId).then().body("status", equalTo("DONE")).body("unitsPicked", equalTo(6));
        for (long id : f.orderIds) given().get("/api/orders/" + id).then().body("status", equalTo("PICKED"));
        // Every scan was recorded, the rejected one and the retried one included (invariant 5).
        assertEquals(1, count("select count(*) from scan where task_id = ? and result = 'REJECTED'", taskId));
        assertEquals(0, count("select count(*) from scan where task_id = ? and device <> 'handheld-web'", taskId));

        // Next task: with nothing else open on the floor, the page says plainly that there is no work.
        if (count("select count(*) from pick_task t join wave w on w.id = t.wave_id where t.status = 'OPEN' and w.status = 'RELEASED'") == 0) {
            hh.click("next");
            hh.waitFor("no work", () -> "No work".equals(hh.text("idle-title")));
            assertEquals("No work right now", hh.text("banner"));
            hh.screenshot("pick-no-work.png");
        }
    }

    @Test
    void shall_release_a_task_and_report_a_short_bin_then_pick_the_rest_from_another_bin() {
        PickFloor f = new PickFloor();
        String cream = f.product("CREAM-50", "Night cream 50 ml");
        String face = f.bin(2, "PICK_FACE");
        String reserve = f.bin(5, "RESERVE");
        f.tote(1);
        f.receive("CREAM-50", face, 5);
        f.receive("CREAM-50", reserve, 5);
        long order = f.order("hh-short", "CREAM-50", 3);
        f.wave();

        hh.signIn(page.toString(), SignInPage.staff("hh-short", "PICKER"));
        hh.waitForScreen("idle");
        hh.click("claim");
        hh.waitForScreen("task");
        long taskId = Long.parseLong(String.valueOf(hh.js("return sessionStorage.getItem('surge.task')")));

        // Release takes two taps, so a glove brushing it gives nothing away.
        hh.click("release");
        assertEquals("task", hh.screen());
        assertEquals("Tap again", hh.text("release"));
        hh.click("release");
        hh.waitForScreen("idle");
        assertEquals("Task " + taskId + " released", hh.text("banner"));
        given().get("/api/picking/tasks/" + taskId).then().body("status", equalTo("OPEN"));
        hh.click("claim");
        hh.waitForScreen("task");
        assertEquals(String.valueOf(taskId), hh.js("return sessionStorage.getItem('surge.task')"), "the most urgent task comes back");

        // One unit is in the bin, not three: scan it, then report the bin short with 1 found.
        assertEquals(face, hh.text("location"));
        hh.scanAnswered(face);
        hh.scanAnswered(cream);
        hh.click("short");
        assertEquals("Key units found (1–2), Enter", hh.text("expect"));
        assertFalse(hh.visible("actions"));
        assertTrue(hh.scanFieldFocused());
        hh.screenshot("pick-short.png");
        hh.scan("1", Keys.ENTER);
        hh.waitFor("short reported", () -> hh.text("banner").startsWith("Short reported"));
        assertEquals("TOTE", hh.expect());
        assertEquals("1 of 1", hh.text("picked") + " of " + hh.text("quantity"));
        String tote = hh.text("tote"); // any free tote: the planner takes them in code order
        hh.scanAnswered(tote);

        // The two missing units were reserved in the other bin: a new stop on the same task.
        assertEquals(reserve, hh.text("location"));
        assertEquals("2", hh.text("quantity"));
        hh.scanAnswered(reserve);
        hh.scanAnswered(cream);
        hh.scanAnswered(cream);
        assertEquals(tote, hh.text("tote"), "the new stop fills the same tote");
        hh.scanAnswered(tote);
        hh.waitForScreen("done");

        given().get("/api/picking/tasks/" + taskId).then().body("status", equalTo("DONE")).body("unitsPicked", equalTo(3));
        given().get("/api/orders/" + order).then().body("status", equalTo("PICKED"));
    }
}
