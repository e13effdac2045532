package io.surgewms.board.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test's own Prometheus text parser, so the metric tests read names, labels and values, not substrings. */
class ScrapeTest {

    static final String TEXT = """
            # HELP surge_intake_orders_total Orders
            # TYPE surge_intake_orders_total counter
            surge_intake_orders_total{outcome="created"} 12.0
            surge_intake_orders_total{outcome="rejected"} 1.0
            surge_intake_queue_depth 0.0
            surge_scan_latency_seconds_bucket{result="accepted",source="pick",le="+Inf"} 3 1700000000000
            odd{name="a \\"quoted\\", {brace} = x\\\\y\\nz",kind="k"} NaN
            """;

    @Test
    void shall_read_names_labels_and_values() {
        Scrape s = Scrape.parse(TEXT);
        assertEquals(12.0, s.value("surge_intake_orders_total", "outcome", "created"));
        assertEquals(0.0, s.value("surge_intake_queue_depth"));
        assertEquals(3.0, s.value("surge_scan_latency_seconds_bucket", "source", "pick", "le", "+Inf"));
        Scrape.Sample odd = s.find("odd").get(0);
        assertEquals(Map.of("name", "a \"quoted\", {brace} = x\\y\nz", "kind", "k"), odd.labels());
        assertTrue(Double.isNaN(odd.value()));
    }

    @Test
    void shall_not_confuse_a_name_with_its_prefix_or_a_missing_series_with_zero() {
        Scrape s = Scrape.parse(TEXT);
        assertFalse(s.has("surge_intake_orders"));
        assertThrows(AssertionError.class, () -> s.value("surge_intake_orders_total", "outcome", "existing"));
        assertThrows(AssertionError.class, () -> s.value("surge_intake_orders_total"), "two series match: ambiguous");
        assertEquals(0.0, s.valueOrZero("surge_intake_orders_total", "outcome", "existing"));
    }
}
