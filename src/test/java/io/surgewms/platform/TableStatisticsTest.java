package io.surgewms.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With autovacuum off, the busy tables are analyzed by autovacuum's rule and the quiet ones are left alone. */
@QuarkusTest
class TableStatisticsTest {

    @Inject TableStatistics statistics;

    Map<String, String> lastAnalyzed(Floor f) {
        Map<String, String> at = new HashMap<>();
        for (String t : TableStatistics.HOT_TABLES)
            at.put(t, f.text("select coalesce(last_analyze::text, 'never') from pg_stat_user_tables where schemaname = current_schema() and relname = ?", t));
        return at;
    }

    @Test
    void shall_analyze_a_table_once_enough_of_it_changed_and_leave_the_quiet_ones() throws Exception {
        Floor f = new Floor();
        f.sku("S");
        f.receive("S", f.bin("PICK_FACE", 1), 5);
        long order = given().contentType(ContentType.JSON).body(f.order("stats-1", "S", 1)).post("/api/orders")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        statistics.analyzeDue(); // whatever earlier tests changed
        assertFalse(statistics.due().contains("order_event"));

        // More new rows than autovacuum's threshold for the table: 50 + 10% of its rows, with the server's defaults.
        long rows = f.count("select greatest(reltuples, 0)::bigint from pg_class where oid = 'order_event'::regclass");
        long enough = 100 + (long) (rows * Double.parseDouble(f.text("show autovacuum_analyze_scale_factor")))
                + Long.parseLong(f.text("show autovacuum_analyze_threshold"));
        Floor.sql("insert into order_event (order_id, from_status, to_status, actor, note) select ?, 'ALLOCATED', 'ALLOCATED', 'test', 'n' from generate_series(1, ?)",
                order, enough);
        long until = System.nanoTime() + 10_000_000_000L; // the server publishes a session's counts within a second or so
        while (!statistics.due().contains("order_event") && System.nanoTime() < until) Thread.sleep(100);
        List<String> due = statistics.due();
        assertTrue(due.contains("order_event"), "due: " + due);

        Map<String, String> before = lastAnalyzed(f);
        List<String> analyzed = statistics.analyzeDue();
        assertTrue(analyzed.contains("order_event"), "analyzed: " + analyzed);
        Map<String, String> after = lastAnalyzed(f);
        for (String t : TableStatistics.HOT_TABLES)
            if (analyzed.contains(t)) assertFalse(before.get(t).equals(after.get(t)), t + " analyzed at " + after.get(t));
            else assertEquals(before.get(t), after.get(t), t + " was not due and is left alone");
        assertFalse(statistics.due().contains("order_event"));
    }
}
