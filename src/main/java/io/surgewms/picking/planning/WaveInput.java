package io.surgewms.picking.planning;

import java.time.Instant;
import java.util.List;

/** What the planner is given: allocated orders with where their units are reserved. */
public final class WaveInput {
    private WaveInput() {}

    /** A reservation of an order: units of a SKU at a bin (aisle/bay of its layout). */
    public record Pick(long allocationId, long productId, String sku, long locationId, String zone, int aisle, int bay, int quantity) {}

    /** An allocated order waiting for a wave; urgency is its ship-by (carrier cutoff folded in by the caller). */
    public record Order(long orderId, Instant shipBy, int priority, List<Pick> picks) {
        public int units() {
            int u = 0;
            for (Pick p : picks) u += p.quantity();
            return u;
        }

        public boolean single() { return units() == 1; }
    }

    /**
     * Caps of one wave, the size of a cluster cart, and the most units one bulk task (one tote, one trip) may take:
     * a SKU's singles beyond it are split over several bulk tasks, each with its own tote.
     */
    public record Caps(int maxOrders, int maxUnits, int maxTotes, int cartTotes, int maxUnitsPerBulkTask) {
        public Caps {
            if (maxOrders < 1 || maxUnits < 1 || maxTotes < 1 || cartTotes < 1 || maxUnitsPerBulkTask < 1)
                throw new IllegalArgumentException("caps must be positive");
        }

        /** No limit on a bulk task: all singles of a SKU in a wave are one task. */
        public Caps(int maxOrders, int maxUnits, int maxTotes, int cartTotes) {
            this(maxOrders, maxUnits, maxTotes, cartTotes, Integer.MAX_VALUE);
        }
    }
}
