package io.surgewms.board.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.surgewms.platform.CsvReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytics API over one scripted day (see {@link ScriptedFloor} for the story and the times): every
 * figure below was worked out by hand from it.
 */
@QuarkusTest
class AnalyticsApiTest {

    /** Played once for the class (RestAssured knows the test port only from the first test on). */
    static ScriptedFloor played;
    ScriptedFloor f;

    @BeforeEach
    void play() {
        if (played == null) played = new ScriptedFloor(LocalDate.of(2025, 3, 10)).play();
        f = played;
    }

    private JsonPath hourly(Map<String, ?> query) {
        return given().queryParams(query).get("/api/analytics/hourly").then().statusCode(200).extract().jsonPath();
    }

    private Map<String, Object> day(Object... more) {
        Map<String, Object> q = new java.util.HashMap<>(Map.of("from", f.iso(8), "to", f.iso(16)));
        for (int i = 0; i < more.length; i += 2) q.put((String) more[i], more[i + 1]);
        return q;
    }

    /** [ordersIn, unitsOrdered, unitsPicked, parcelsShipped, ordersShipped, pickScans, rejectedScans, shortPicks] of hour i. */
    private static List<Long> hour(JsonPath j, int i) {
        String h = "hours[" + i + "].";
        return List.of(j.getLong(h + "ordersIn"), j.getLong(h + "unitsOrdered"), j.getLong(h + "unitsPicked"), j.getLong(h + "parcelsShipped"),
                j.getLong(h + "ordersShipped"), j.getLong(h + "pickScans"), j.getLong(h + "rejectedScans"), j.getLong(h + "shortPicks"));
    }

    @Test
    void shall_count_one_shops_floor_hour_by_hour_with_accuracy_and_lead_times() {
        JsonPath j = hourly(day("shop", f.a.shop));
        assertEquals(f.iso(8), j.getString("from"));
        assertEquals(f.iso(16), j.getString("to"));
        assertEquals(8, j.getList("hours").size(), "every hour of the range, quiet ones too");
        assertEquals(f.iso(13), j.getString("hours[5].hour"));
        assertEquals(List.of(2L, 2L, 0L, 0L, 0L, 0L, 0L, 0L), hour(j, 0));   // 08: o1, o2
        assertEquals(List.of(2L, 6L, 0L, 0L, 0L, 0L, 0L, 0L), hour(j, 1));   // 09: o3 (3 units), o4 (3)
        assertEquals(List.of(0L, 0L, 2L, 0L, 0L, 5L, 1L, 0L), hour(j, 2));   // 10: bulk task
        assertEquals(List.of(0L, 0L, 5L, 0L, 0L, 12L, 1L, 1L), hour(j, 3));  // 11: cluster task, 2 of o4's 3 found
        assertEquals(List.of(0L, 0L, 0L, 1L, 1L, 0L, 0L, 0L), hour(j, 4));   // 12: o1
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), hour(j, 5));
        assertEquals(List.of(0L, 0L, 0L, 3L, 2L, 0L, 0L, 0L), hour(j, 6));   // 14: o3 in two parcels, o2
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), hour(j, 7));

        assertEquals(4, j.getLong("summary.ordersIn"));
        assertEquals(8, j.getLong("summary.unitsOrdered"));
        assertEquals(7, j.getLong("summary.unitsPicked"));
        assertEquals(4, j.getLong("summary.parcelsShipped"));
        assertEquals(3, j.getLong("summary.ordersShipped"));
        assertEquals(17, j.getLong("summary.pickScans"));
        assertEquals(2, j.getLong("summary.rejectedScans"));
        assertEquals(1, j.getLong("summary.shortPicks"));
        assertEquals(88.24, j.getDouble("summary.pickAccuracyPercent"), 1e-9, "15 of 17 scans accepted");
        // Leads 4 h, 5 h, 6 h: p50 = 5 h; p90 = 5 h + 0.8 × 1 h (linear interpolation, percentile_cont).
        assertEquals(5 * 3600, j.getLong("summary.leadTimeP50Seconds"));
        assertEquals(5 * 3600 + 48 * 60, j.getLong("summary.leadTimeP90Seconds"));
        assertEquals(List.of("WRONG_ITEM", "WRONG_LOCATION"), j.getList("summary.rejectReasons.reason"));
        assertEquals(List.of(1, 1), j.getList("summary.rejectReasons.scans"));
    }

    @Test
    void shall_count_every_shop_without_a_filter() {
        JsonPath j = hourly(day());
        assertEquals(List.of(3L, 3L, 0L, 0L, 0L, 0L, 0L, 0L), hour(j, 0), "shop B's order at 08:30 too");
        assertEquals(5, j.getLong("summary.ordersIn"));
        assertEquals(7, j.getLong("summary.unitsPicked"));
        assertEquals(17, j.getLong("summary.pickScans"));
        assertEquals(4, j.getLong("summary.parcelsShipped"));
        assertNull(j.get("filter.shop"));
    }

    @Test
    void shall_filter_by_channel_and_by_content_tag() {
        JsonPath tiktok = hourly(day("shop", f.a.shop, "channel", "tiktok"));
        assertEquals(2, tiktok.getLong("summary.ordersIn"));
        assertEquals(2, tiktok.getLong("summary.unitsPicked"), "the bulk stop's units, one per single");
        assertEquals(5, tiktok.getLong("summary.pickScans"), "the bulk task serves only tiktok orders");
        assertEquals(1, tiktok.getLong("summary.rejectedScans"));
        assertEquals(2, tiktok.getLong("summary.parcelsShipped"));
        // Leads 4 h and 6 h: p50 = 5 h, p90 = 4 h + 0.9 × 2 h.
        assertEquals(5 * 3600, tiktok.getLong("summary.leadTimeP50Seconds"));
        assertEquals(5 * 3600 + 48 * 60, tiktok.getLong("summary.leadTimeP90Seconds"));
        assertEquals(3, hourly(day("channel", "tiktok")).getLong("summary.ordersIn"), "shop B's tiktok order without the shop filter");

        JsonPath untagged = hourly(day("shop", f.a.shop, "tag", "(none)"));
        assertEquals(1, untagged.getLong("summary.ordersIn"));
        assertEquals(3, untagged.getLong("summary.unitsPicked"));
        assertEquals(7, untagged.getLong("summary.pickScans"), "o3's two stops: 4 + 3 scans");
        assertEquals(0, untagged.getLong("summary.rejectedScans"));
        assertEquals(100.0, untagged.getDouble("summary.pickAccuracyPercent"));
        assertEquals(2, untagged.getLong("summary.parcelsShipped"));
        assertEquals(5 * 3600, untagged.getLong("summary.leadTimeP90Seconds"));

        JsonPath creator = hourly(day("tag", ScriptedFloor.TAG2));
        assertEquals(List.of(0L, 0L, 2L, 0L, 0L, 5L, 1L, 1L), hour(creator, 3));
        assertNull(creator.get("summary.leadTimeP50Seconds"), "nothing of it shipped");
        assertEquals(ScriptedFloor.TAG2, creator.getString("filter.tag"));
    }

    @Test
    void shall_break_down_by_tag_shop_and_channel() {
        JsonPath byTag = given().queryParams(day("by", "tag", "shop", f.a.shop)).get("/api/analytics/breakdown")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("tag", byTag.getString("by"));
        assertEquals(List.of(ScriptedFloor.TAG1, "(none)", ScriptedFloor.TAG2), byTag.getList("rows.key"), "most orders first, then most picked");
        assertRow(byTag, 0, 2, 2, 2, 2, 2, 18000L, 20880L, 5, 1, 0);
        assertRow(byTag, 1, 1, 3, 3, 1, 2, 18000L, 18000L, 7, 0, 0);
        assertRow(byTag, 2, 1, 3, 2, 0, 0, null, null, 5, 1, 1);

        JsonPath byShop = given().queryParams(day("by", "shop")).get("/api/analytics/breakdown").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(f.a.shop, f.b.shop), byShop.getList("rows.key"));
        assertRow(byShop, 0, 4, 8, 7, 3, 4, 18000L, 20880L, 17, 2, 1);
        assertRow(byShop, 1, 1, 1, 0, 0, 0, null, null, 0, 0, 0);

        JsonPath byChannel = given().queryParams(day("by", "channel", "shop", f.a.shop)).get("/api/analytics/breakdown")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("tiktok", "shopify", "api"), byChannel.getList("rows.key"));
        assertEquals(List.of(2, 3, 2), byChannel.getList("rows.unitsPicked"));
    }

    private static void assertRow(JsonPath j, int i, long orders, long unitsOrdered, long picked, long shipped, long parcels,
                                  Long p50, Long p90, long scans, long rejected, long shorts) {
        String r = "rows[" + i + "].";
        assertEquals(List.of(orders, unitsOrdered, picked, shipped, parcels, scans, rejected, shorts),
                List.of(j.getLong(r + "ordersIn"), j.getLong(r + "unitsOrdered"), j.getLong(r + "unitsPicked"), j.getLong(r + "ordersShipped"),
                        j.getLong(r + "parcelsShipped"), j.getLong(r + "pickScans"), j.getLong(r + "rejectedScans"), j.getLong(r + "shortPicks")),
                "row " + j.getString(r + "key"));
        assertEquals(p50, j.get(r + "leadTimeP50Seconds") == null ? null : j.getLong(r + "leadTimeP50Seconds"));
        assertEquals(p90, j.get(r + "leadTimeP90Seconds") == null ? null : j.getLong(r + "leadTimeP90Seconds"));
    }

    @Test
    void shall_export_the_hours_and_the_breakdown_as_csv_files() {
        Response r = given().queryParams(day("shop", f.a.shop)).get("/api/analytics/hourly.csv");
        r.then().statusCode(200).contentType("text/csv").header("Content-Type", org.hamcrest.Matchers.containsString("charset=UTF-8"));
        assertEquals("attachment; filename=\"surge-hourly-20250310T08Z-20250310T16Z.csv\"", r.header("Content-Disposition"));
        List<CsvReader.Row> rows = CsvReader.read(r.asString());
        assertEquals(9, rows.size(), "a header and 8 hours");
        assertEquals(List.of("hour_utc", "orders_in", "units_ordered", "units_picked", "parcels_shipped", "orders_shipped",
                "pick_scans", "rejected_scans", "short_picks"), rows.get(0).fields());
        assertEquals(List.of(f.iso(11), "0", "0", "5", "0", "0", "12", "1", "1"), rows.get(4).fields());
        assertEquals(List.of(f.iso(14), "0", "0", "0", "3", "2", "0", "0", "0"), rows.get(7).fields());
        assertTrue(r.asString().contains("\r\n"), "RFC 4180 line ends");

        Response b = given().queryParams(day("by", "tag", "shop", f.a.shop)).get("/api/analytics/breakdown.csv");
        b.then().statusCode(200).contentType("text/csv");
        assertEquals("attachment; filename=\"surge-by-tag-20250310T08Z-20250310T16Z.csv\"", b.header("Content-Disposition"));
        List<CsvReader.Row> t = CsvReader.read(b.asString());
        assertEquals(List.of("tag", "orders_in", "units_ordered", "units_picked", "orders_shipped", "parcels_shipped", "lead_time_p50_s",
                "lead_time_p90_s", "pick_scans", "rejected_scans", "short_picks", "pick_accuracy_pct"), t.get(0).fields());
        assertEquals(4, t.size());
        assertEquals(List.of(ScriptedFloor.TAG1, "2", "2", "2", "2", "2", "18000", "20880", "5", "1", "0", "80.0"), t.get(1).fields());
        assertEquals(List.of(ScriptedFloor.TAG2, "1", "3", "2", "0", "0", "", "", "5", "1", "1", "80.0"), t.get(3).fields(),
                "the tag with a comma and quotes comes back whole; no lead time is an empty cell");
    }

    @Test
    void shall_default_to_the_last_24_hours() {
        JsonPath j = given().get("/api/analytics/hourly").then().statusCode(200).extract().jsonPath();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        assertEquals(24, j.getList("hours").size());
        assertEquals(end.toString(), j.getString("to"));
        assertEquals(end.minus(1, ChronoUnit.HOURS).toString(), j.getString("hours[23].hour"));
    }

    @Test
    void shall_refuse_bad_parameters_with_a_problem_naming_the_field() {
        bad("/api/analytics/hourly", Map.of("from", "yesterday"), "from");
        bad("/api/analytics/hourly", Map.of("from", f.iso(12), "to", f.iso(12)), "from");
        bad("/api/analytics/hourly", Map.of("from", "2025-01-01", "to", "2025-03-01"), "to");
        bad("/api/analytics/hourly", Map.of("shop", "no-such-shop"), "shop");
        bad("/api/analytics/hourly", Map.of("channel", "fax"), "channel");
        bad("/api/analytics/breakdown", Map.of("by", "picker"), "by");
        bad("/api/analytics/breakdown.csv", Map.of("by", "colour"), "by");
        bad("/api/analytics/hourly.csv", Map.of("to", "2025-13-01"), "to");
    }

    private static void bad(String path, Map<String, ?> query, String field) {
        given().queryParams(query).get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo(field));
    }
}
