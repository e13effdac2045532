package io.surgewms.board.analytics;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The supervisor's analytics page in a real headless Chromium at 1440×900, opened on the scripted day:
 * the tiles show the day's figures, the three charts are drawn, the breakdown lists the tags, and a
 * click on a row narrows the page to it.
 */
@QuarkusTest
class AnalyticsPageTest {

    @TestHTTPResource("/board/analytics")
    URL page;

    Desktop d;

    @BeforeEach
    void browser() {
        assumeTrue(Files.isExecutable(Desktop.CHROMEDRIVER),
                "Skipped: /usr/bin/chromedriver is missing. Install it with: apt-get install chromium chromium-driver (.ci/run does)");
        d = new Desktop(1440, 900);
    }

    @AfterEach
    void close() {
        if (d != null) d.close();
    }

    @Test
    void shall_show_the_days_figures_charts_and_breakdown_on_a_supervisors_desktop() {
        ScriptedFloor f = new ScriptedFloor(LocalDate.of(2025, 3, 12)).play();
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);

        d.signIn(page + "?from=" + f.iso(6) + "&to=" + f.iso(18) + "&shop=" + f.a.shop + "&by=tag", SignInPage.staff("analyst", "SUPERVISOR"));
        Path shot = d.screenshot("analytics.png"); // first, so a failing check below still leaves a picture to look at
        assertTrue(Files.exists(shot));
        assertEquals("", d.text("banner"), "no error shown");
        assertEquals("4", d.text("tile-orders"));
        assertEquals("8 units ordered", d.text("tile-orders-sub"));
        assertEquals("7", d.text("tile-picked"));
        assertEquals("4", d.text("tile-parcels"));
        assertEquals("3 orders shipped", d.text("tile-parcels-sub"));
        assertEquals("88.2 %", d.text("tile-accuracy"));
        assertEquals("2 of 17 scans rejected", d.text("tile-accuracy-sub"));
        assertEquals("1", d.text("tile-shorts"));
        assertEquals("5h 00m", d.text("tile-p50"));
        assertEquals("5h 48m", d.text("tile-p90"));
        assertEquals("2025-03-12 06:00 → 18:00 UTC", d.text("range-text"));

        for (String chart : List.of("chart-flow", "chart-picked", "chart-quality")) {
            long w = d.number("const c = document.querySelector('#" + chart + " canvas'); return c ? c.width : 0");
            long h = d.number("const c = document.querySelector('#" + chart + " canvas'); return c ? c.height : 0");
            assertTrue(w > 300 && h > 100, chart + " drawn: " + w + "×" + h);
        }
        assertEquals(12L, d.number("return document.querySelectorAll('#chart-picked .u-legend').length > 0 ? 12 : 0"), "legend shown");
        assertEquals(List.of(ScriptedFloor.TAG1, "(none)", ScriptedFloor.TAG2), d.texts("#breakdown tbody td.key"));
        assertEquals(List.of("2", "1", "1"), d.texts("#breakdown tbody td.orders"));
        assertEquals(List.of("5h 48m", "5h 00m", "–"), d.texts("#breakdown tbody td.p90"));
        assertEquals(List.of("80.0%", "100.0%", "80.0%"), d.texts("#breakdown tbody td.accuracy"));
        assertEquals(1L, d.number("const w = document.querySelector('.tablewrap').getBoundingClientRect();"
                + " const last = document.querySelector('#breakdown thead th:last-child').getBoundingClientRect();"
                + " return last.width > 30 && last.right <= w.right + 1 ? 1 : 0"), "every breakdown column fits, the last one too");
        assertEquals(1L, d.number("const top = id => document.getElementById(id).getBoundingClientRect().top;"
                + " return Math.abs(top('ranges') - top('csv-hourly')) < 20 ? 1 : 0"), "the filter bar fits on one line");
        assertEquals(List.of("WRONG_ITEM", "WRONG_LOCATION"), d.texts("#reasons .name"));
        String csv = d.attribute("csv-breakdown", "href");
        assertTrue(csv.contains("/api/analytics/breakdown.csv?") && csv.contains("by=tag") && csv.contains("shop=" + f.a.shop), csv);
        assertTrue(d.attribute("csv-hourly", "href").contains("/api/analytics/hourly.csv?from=2025-03-12T06"));

        // A click on the creator's row narrows everything to that tag, and the address says so.
        d.clickAndReload("#breakdown tbody tr:nth-child(3)");
        assertEquals("1", d.text("tile-orders"));
        assertEquals("2", d.text("tile-picked"));
        assertEquals("–", d.text("tile-p50"), "nothing of it shipped");
        assertEquals(ScriptedFloor.TAG2, d.value("tag"));
        assertTrue(d.url().contains("tag="), d.url());
    }
}
