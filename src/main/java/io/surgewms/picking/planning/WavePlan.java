package io.surgewms.picking.planning;

import java.util.List;

/** A planned wave: its orders and its tasks, each task's stops still in no particular order (routing sorts them). */
public record WavePlan(List<Long> orderIds, List<Task> tasks, int units, int totes) {

    public enum Kind { BULK, CLUSTER }

    /**
     * One trip. BULK: one SKU for many single-unit orders, into one tote (tote slot 0).
     * CLUSTER: a cart of totes, one order per tote slot.
     */
    public record Task(Kind kind, List<Long> orderIds, List<Stop> stops, int totes) {
        public int units() {
            int u = 0;
            for (Stop s : stops) u += s.quantity();
            return u;
        }
    }

    /** Take {@code quantity} of a SKU at a bin into tote slot {@code toteSlot}; serves these reservations. */
    public record Stop(long locationId, String zone, int aisle, int bay, long productId, String sku, int quantity,
                       Long orderId, int toteSlot, List<Long> allocationIds) {}
}
