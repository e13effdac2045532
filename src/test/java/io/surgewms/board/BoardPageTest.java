package io.surgewms.board;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.Pick;
import io.surgewms.testsupport.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The supervisor's board in a real headless Chromium on a 1920×1080 wall screen: a scripted floor
 * (four viral singles in a released wave, one order in a planned wave, one backorder), picks and a
 * pack through the API, and the numbers on the open page change without a reload, pushed by the
 * server. One action is clicked on the page and its effect read back through the API. The board is
 * filtered to the test's own shop, so other tests' rows in the shared database do not count.
 */
@QuarkusTest
class BoardPageTest {

    @TestHTTPResource("/board")
    URL page;

    WallScreen screen;
    String printer;

    static final Duration PUSHED = Duration.ofSeconds(5); // the feed pushes within ~1 s of a change

    @BeforeEach
    void browser() {
        assumeTrue(Files.isExecutable(WallScreen.CHROMEDRIVER),
                "Skipped: /usr/bin/chromedriver is missing. Install it with: apt-get install chromium chromium-driver (.ci/run does)");
        screen = new WallScreen(1920, 1080);
    }

    @AfterEach
    void close() {
        if (screen != null) {
            try {
                screen.screenshot("board-last.png"); // what the page showed when the test ended, passed or not
            } finally {
                screen.close();
            }
        }
        if (printer != null) given().delete("/api/devices/" + printer);
    }

    private static Map<String, Object> withHold(Map<String, Object> order) {
        Map<String, Object> held = new java.util.HashMap<>(order);
        held.put("hold", "on hold on the channel (the buyer's cancellation window)");
        return held;
    }

    private String wave(long id, String attribute) {
        return screen.attr("#waves [data-wave='" + id + "']", attribute);
    }

    @Test
    void shall_show_scans_and_packs_live_and_release_a_wave_from_the_page() {
        Floor f = new Floor();
        String viral = f.skuWithGtin("VIRAL-HOODIE", "402300000001");
        f.skuWithGtin("SLOW-MUG", "402300000002");
        f.sku("SOLD-OUT-CAP");
        String viralBin = f.bin("PICK_FACE", 1), slowBin = f.bin("PICK_FACE", 2);
        for (int i = 1; i <= 3; i++) f.tote(i);
        f.receive("VIRAL-HOODIE", viralBin, 20);
        f.receive("SLOW-MUG", slowBin, 5);
        for (int i = 1; i <= 4; i++)
            given().contentType(ContentType.JSON).body(f.order("v" + i, "VIRAL-HOODIE", 1)).post("/api/orders").then().statusCode(201);
        given().contentType(ContentType.JSON).body(f.order("cap-1", "SOLD-OUT-CAP", 1)).post("/api/orders").then().statusCode(201);
        long released = Pick.plan(f);
        String picker = "ana-" + f.zone.toLowerCase();
        long task = Pick.claim(f, picker).getLong("id");

        given().contentType(ContentType.JSON).body(f.order("mug-1", "SLOW-MUG", 2)).post("/api/orders").then().statusCode(201);
        long planned = given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "release", false)).post("/api/waves")
                .then().statusCode(201).body("status", equalTo("PLANNED")).extract().jsonPath().getLong("id");

        String station = "BS-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
        printer = "PRN-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("kind", "PRINTER", "connection", "TCP", "host", "127.0.0.1", "tcpPort", 9,
                "options", Map.of("dpi", "203"), "station", station)).put("/api/devices/" + printer).then().statusCode(201);

        // A TikTok-style held order: its unit is reserved, it is never waved, the board counts it calmly.
        given().contentType(ContentType.JSON).body(withHold(f.order("held-1", "SLOW-MUG", 1))).post("/api/orders").then().statusCode(201)
                .body("status", equalTo("HELD"));

        // The page, for this shop: what the floor looks like before anyone has picked.
        screen.signIn(page + "?shop=" + f.shop, SignInPage.staff("sup", "SUPERVISOR"));
        Object loadedAt = screen.js("return window.surgeBoardLoadedAt");
        assertEquals(f.shop, screen.text("#shop"));
        assertEquals("RELEASED", wave(released, "data-status"));
        assertEquals("0", wave(released, "data-picked"));
        assertEquals("4", wave(released, "data-units"));
        assertEquals("PLANNED", wave(planned, "data-status"));
        assertEquals("4", screen.text("#backlog-status [data-status='PICKING'] .n"), "four viral singles being picked");
        assertEquals("1", screen.text("#backlog-status [data-status='BACKORDERED'] .n"));
        assertEquals("1", screen.attr("#risk-chip", "data-count"), "the backorder is due within the horizon");
        assertEquals("cap-1", screen.text("#risk tbody tr td.ref"));
        assertTrue(screen.attr("#risk-chip", "class").contains("bad"));
        assertEquals(String.valueOf(task), screen.attr("#pickers [data-picker='" + picker + "'] button[data-action='release-task']", "data-task"),
                "the picker holds the task, with its actions");
        assertEquals("0", screen.attr("#stations [data-station='" + station + "']", "data-pph"));
        assertEquals("1", screen.text("#x-held .n"), "the held order");
        assertTrue(!screen.attr("#x-held", "class").contains("hot"), "held orders are normal work, not an alarm");
        assertEquals("0", screen.text("#x-recovered .n"));
        screen.waitFor("the live feed", PUSHED, () -> "on".equals(screen.body("live")));

        // Picks through the API: the wave's progress and the picker's rate move on the open page.
        int before = screen.updates();
        Pick.pickAll(f, picker, task, Map.of("VIRAL-HOODIE", viral));
        screen.waitFor("the wave picked on the page", PUSHED, () -> "4".equals(wave(released, "data-picked")));
        assertEquals("4", screen.text("#waves [data-wave='" + released + "'] .picked .v"));
        screen.waitFor("the picker's rate", PUSHED,
                () -> "16".equals(screen.attr("#pickers [data-picker='" + picker + "']", "data-pph")));
        assertEquals("16", screen.text("#pickers [data-picker='" + picker + "'] .pph"), "4 units in 15 minutes");
        assertEquals("4", screen.text("#backlog-status [data-status='PICKED'] .n"));
        assertTrue(screen.updates() > before, "pushed boards were drawn");

        // A pack at the singles station: its parcels per hour and the backlog move.
        given().contentType(ContentType.JSON).body(Map.of("code", viral, "packer", "pia")).post("/api/packing/stations/" + station + "/scan")
                .then().statusCode(200).body("result", equalTo("ACCEPTED"));
        String stationRow = "#stations [data-station='" + station + "']";
        screen.waitFor("the station's parcels", PUSHED, () -> "4".equals(screen.attr(stationRow, "data-pph")));
        assertEquals("4", screen.text(stationRow + " .pph"));
        assertEquals("1", screen.text(stationRow + " .lasthour"));
        screen.waitFor("the backlog", PUSHED, () -> "3".equals(screen.text("#backlog-status [data-status='PICKED'] .n")));
        assertEquals(loadedAt, screen.js("return window.surgeBoardLoadedAt"), "the page was never reloaded");

        // A reprint from the page by tracking number: the board finds the parcel, the print queue gets a second job.
        Map<String, Object> st = BoardApiTest.one(BoardApiTest.board(f), "stations", "code", station);
        String tracking = (String) st.get("lastTracking");
        long shipment = ((Number) st.get("lastShipmentId")).longValue();
        given().queryParam("ref", tracking.toLowerCase()).get("/api/board/parcel").then().statusCode(200)
                .body("shipmentId", equalTo((int) shipment)).body("shop", equalTo(f.shop)).body("station", equalTo(station));
        given().queryParam("ref", "NO-SUCH-PARCEL").get("/api/board/parcel").then().statusCode(404).contentType("application/problem+json");
        screen.driver.findElement(org.openqa.selenium.By.id("reprint-ref")).sendKeys(tracking);
        screen.click("#reprint button[type='submit']");
        screen.waitFor("the reprint queued", PUSHED, () -> f.count("select count(*) from print_job where shipment_id = ?", shipment) == 2);
        screen.waitFor("the reprint's toast", PUSHED, () -> screen.text("#toasts").contains("Label for shipment " + shipment + " queued"));

        // One order past its deadline: the at-risk count goes red with it, again without a reload.
        Floor.sql("update orders set ship_by = now() - interval '30 minutes' where shop_id = (select id from shop where code = ?) and external_id = 'mug-1'", f.shop);
        Floor.sql("select pg_notify('surge_board', 'test')"); // a deadline edited behind the API's back: nudge the feed (it refreshes every 5 s anyway)
        screen.waitFor("two orders at risk", Duration.ofSeconds(8), () -> "2".equals(screen.attr("#risk-chip", "data-count")));
        assertEquals(List.of("mug-1", "cap-1"), screen.texts("#risk tbody td.ref"));

        // Actions from the page: priority up, then release the planned wave; the API sees both.
        screen.click("#waves [data-wave='" + planned + "'] button[data-action='priority'][title='Raise priority']");
        screen.waitFor("priority 1", PUSHED, () -> Integer.valueOf(1).equals(BoardApiTest.one(BoardApiTest.board(f), "waves", "id", (int) planned).get("priority")));
        screen.waitFor("priority on the page", PUSHED, () -> "1".equals(wave(planned, "data-priority")));
        screen.click("#waves [data-wave='" + planned + "'] button[data-action='release-wave']");
        screen.waitFor("the wave released", PUSHED,
                () -> "RELEASED".equals(given().get("/api/waves/" + planned).then().extract().jsonPath().getString("status")));
        screen.waitFor("released on the page", PUSHED, () -> "RELEASED".equals(wave(planned, "data-status")));
        assertTrue(screen.text("#toasts").contains("Wave " + planned + " released"), screen.text("#toasts"));
        assertEquals(loadedAt, screen.js("return window.surgeBoardLoadedAt"), "the page was never reloaded");

        // A second picker takes the released wave's task: the page offers to release or reassign it.
        String second = "ben-" + f.zone.toLowerCase();
        long secondTask = Pick.claim(f, second).getLong("id");
        screen.waitFor("the second picker's task", PUSHED, () -> String.valueOf(secondTask).equals(
                screen.attr("#pickers [data-picker='" + second + "'] button[data-action='reassign-task']", "data-task")));
        screen.waitFor("the wave's active task", PUSHED, () -> screen.text("#waves [data-wave='" + planned + "'] .tasks").contains("1 active"));

        // What a person sees: nothing spills out of its box, at the TV's size and a desk's.
        screen.js("document.querySelectorAll('.toast').forEach(t => t.remove())");
        assertEquals(List.of(), screen.overflowing(), "text overflowing its box at 1920×1080");
        screen.screenshot("board-1920.png");
        screen.size(1440, 900);
        screen.waitFor("the layout at 1440", PUSHED, () -> Long.valueOf(1440).equals(screen.js("return window.innerWidth")));
        assertEquals(List.of(), screen.overflowing(), "text overflowing its box at 1440×900");
        screen.screenshot("board-1440.png");
    }
}
