package io.surgewms.board;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The at-risk and ETA arithmetic on inputs worked out by hand. */
class ForecastTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final Duration DAY = Duration.ofHours(24);

    static Forecast.Work work(String key, int minutesAhead, String status, int orders, int units) {
        return new Forecast.Work(key, NOW.plus(Duration.ofMinutes(minutesAhead)), status, orders, units);
    }

    static Forecast.Outcome of(List<Forecast.Outcome> l, String key) {
        return l.stream().filter(o -> o.work().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void shall_work_earliest_deadline_first_and_flag_what_the_pick_rate_cannot_reach() {
        // 600 units/h picking, 1,000 orders/h packing: picking is the bottleneck.
        Forecast.Rates r = new Forecast.Rates(600, 1000, "15 min");
        List<Forecast.Outcome> l = Forecast.forecast(List.of(
                work("c", 120, "ALLOCATED", 100, 400),   // listed first, due last
                work("a", 30, "RELEASED", 50, 200),      // 200 units: done in 20 min, due in 30
                work("b", 60, "ALLOCATED", 100, 500)),   // 700 units in all: 70 min, due in 60
                r, NOW, DAY);
        assertEquals(NOW.plus(Duration.ofMinutes(20)), of(l, "a").eta());
        assertNull(of(l, "a").risk());
        assertEquals(NOW.plus(Duration.ofMinutes(70)), of(l, "b").eta());
        assertEquals(Forecast.PICK_RATE, of(l, "b").risk());
        assertEquals(NOW.plus(Duration.ofMinutes(110)), of(l, "c").eta()); // 1,100 units
        assertNull(of(l, "c").risk());
        assertEquals(List.of("a", "b", "c"), l.stream().map(o -> o.work().key()).toList());
    }

    @Test
    void shall_name_packing_when_packing_is_the_slower_stage() {
        // Picked already (0 units to pick), 300 orders at 240 orders/h packing: 75 minutes, due in an hour.
        Forecast.Rates r = new Forecast.Rates(600, 240, "15 min");
        List<Forecast.Outcome> l = Forecast.forecast(List.of(work("p", 60, "PICKED", 300, 0)), r, NOW, DAY);
        assertEquals(NOW.plus(Duration.ofMinutes(75)), l.get(0).eta());
        assertEquals(Forecast.PACK_RATE, l.get(0).risk());
    }

    @Test
    void shall_call_past_deadlines_late_and_backorders_at_risk_only_within_the_horizon() {
        Forecast.Rates r = new Forecast.Rates(600, 600, "15 min");
        List<Forecast.Outcome> l = Forecast.forecast(List.of(
                work("late", -5, "PICKING", 1, 1),
                work("soon", 120, "BACKORDERED", 3, 3),
                work("later", 60 * 48, "BACKORDERED", 2, 2),
                work("fine", 600, "ALLOCATED", 1, 1)), r, NOW, DAY);
        assertEquals(Forecast.LATE, of(l, "late").risk());
        assertEquals(Forecast.BACKORDERED, of(l, "soon").risk());
        assertNull(of(l, "soon").eta());
        assertNull(of(l, "later").risk());
        // backorders are not worked: "fine" waits only for "late" (2 units at 600/h = 12 s)
        assertEquals(NOW.plusSeconds(12), of(l, "fine").eta());
        assertNull(of(l, "fine").risk());
    }

    @Test
    void shall_have_no_eta_and_put_everything_at_risk_when_nobody_can_pick() {
        Forecast.Rates r = new Forecast.Rates(0, 100, "nominal");
        List<Forecast.Outcome> l = Forecast.forecast(List.of(work("x", 600, "ALLOCATED", 1, 1)), r, NOW, DAY);
        assertNull(l.get(0).eta());
        assertEquals(Forecast.PICK_RATE, l.get(0).risk());
        assertNull(Forecast.eta(10, 0, NOW));
        assertEquals(NOW, Forecast.eta(0, 0, NOW));
        assertEquals(NOW.plus(Duration.ofMinutes(30)), Forecast.eta(50, 100, NOW));
    }
}
