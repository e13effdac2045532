package io.surgewms.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Will the open work make its deadlines at the floor's current rates? The floor works earliest
 * deadline first (waves release by deadline, tasks are claimed by urgency), so an order is done when
 * everything due before it and itself has gone through both stages: picking (units / pick rate)
 * and packing (orders / pack rate). The slower stage sets the pace; an order whose pace-finish is
 * after its deadline is at risk, and the slower stage is named as the reason. Backordered orders
 * cannot be worked at all: they are at risk when due within the horizon.
 */
public final class Forecast {
    private Forecast() {}

    /** Floor rates per hour and where they came from: "15 min", "2 h" or "nominal" (a quiet floor). */
    public record Rates(double pickUnitsPerHour, double packOrdersPerHour, String basis) {}

    /** Orders sharing a deadline and status (and whatever the caller keys them by). */
    public record Work(Object key, Instant deadline, String status, int orders, int unitsToPick) {}

    /** When the work is done at the current pace (null: never, a rate is zero), and its risk or null. */
    public record Outcome(Work work, Instant eta, String risk) {
        public boolean atRisk() { return risk != null; }
    }

    public static final String LATE = "LATE", PICK_RATE = "PICK_RATE", PACK_RATE = "PACK_RATE", BACKORDERED = "BACKORDERED";

    /** Statuses still to pick or pack, most advanced first: at one deadline the nearly done go first. */
    private static final List<String> PIPELINE = List.of("PICKED", "PICKING", "RELEASED", "ALLOCATED", "RECEIVED", "BACKORDERED");

    public static List<Outcome> forecast(List<Work> work, Rates rates, Instant now, Duration backorderHorizon) {
        List<Work> edf = new ArrayList<>(work);
        edf.sort(Comparator.comparing(Work::deadline).thenComparing(w -> PIPELINE.indexOf(w.status())));
        List<Outcome> out = new ArrayList<>(edf.size());
        double units = 0, orders = 0;
        for (Work w : edf) {
            if (w.status().equals(BACKORDERED)) {
                boolean due = !w.deadline().isAfter(now.plus(backorderHorizon));
                out.add(new Outcome(w, null, !w.deadline().isAfter(now) ? LATE : due ? BACKORDERED : null));
                continue;
            }
            units += w.unitsToPick();
            orders += w.orders();
            double pickHours = hours(units, rates.pickUnitsPerHour());
            double packHours = hours(orders, rates.packOrdersPerHour());
            double finish = Math.max(pickHours, packHours);
            Instant eta = Double.isInfinite(finish) ? null : now.plusMillis(Math.round(finish * 3_600_000));
            String risk = null;
            if (!w.deadline().isAfter(now)) risk = LATE;
            else if (eta == null || eta.isAfter(w.deadline())) risk = pickHours >= packHours ? PICK_RATE : PACK_RATE;
            out.add(new Outcome(w, eta, risk));
        }
        return out;
    }

    /** When {@code units} are done at {@code perHour}; null when they never will (no rate). */
    public static Instant eta(double units, double perHour, Instant now) {
        double h = hours(units, perHour);
        return Double.isInfinite(h) ? null : now.plusMillis(Math.round(h * 3_600_000));
    }

    private static double hours(double amount, double perHour) {
        if (amount <= 0) return 0;
        return perHour <= 0 ? Double.POSITIVE_INFINITY : amount / perHour;
    }
}
