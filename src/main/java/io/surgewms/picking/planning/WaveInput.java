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

    /** Caps of one wave and the size of a cluster cart. */
    public record Caps(int maxOrders, int maxUnits, int maxTotes, int cartTotes) {
        public Caps {
            if (maxOrders < 1 || maxUnits < 1 || maxTotes < 1 || cartTotes < 1) throw new IllegalArgumentException("caps must be positive");
        }
    }
}
