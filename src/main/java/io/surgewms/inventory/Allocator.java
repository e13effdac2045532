package io.surgewms.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reserves order lines against locked bins in memory, all or nothing per order: an order either
 * gets every unit it asks for or none (it is then backordered with the reason). Bins are tried
 * pick-face first, then along the pick sequence, so pickers take units from where they walk.
 */
public final class Allocator {

    /** A line to serve: {@code ref} is the caller's handle for the line. */
    public record Demand(int ref, long productId, String sku, int quantity) {}

    /** Units of one line taken from one bin. */
    public record Take(int ref, long stockId, long productId, int quantity) {}

    /** Either takes (served) or a shortage reason (not served, nothing taken). */
    public record Outcome(List<Take> takes, String shortage) {
        public boolean served() { return shortage == null; }
    }

    private final Map<Long, List<Bin>> binsByProduct;

    public Allocator(Map<Long, List<Bin>> binsByProduct) {
        this.binsByProduct = binsByProduct;
    }

    public Outcome allocate(List<Demand> order) {
        // Check first, so a failed order leaves every bin as it was.
        for (Demand d : order) {
            int wanted = order.stream().filter(o -> o.productId() == d.productId()).mapToInt(Demand::quantity).sum();
            int available = available(d.productId());
            if (available < wanted) {
                return new Outcome(List.of(), "insufficient stock of " + d.sku() + ": " + wanted + " wanted, " + available + " available");
            }
        }
        List<Take> takes = new ArrayList<>();
        for (Demand d : order) {
            int left = d.quantity();
            for (Bin b : binsByProduct.get(d.productId())) {
                if (left == 0) break;
                int q = Math.min(left, b.available);
                if (q == 0) continue;
                b.available -= q;
                left -= q;
                takes.add(new Take(d.ref(), b.stockId, d.productId(), q));
            }
        }
        return new Outcome(takes, null);
    }

    public int available(long productId) {
        List<Bin> bins = binsByProduct.get(productId);
        if (bins == null) return 0;
        int sum = 0;
        for (Bin b : bins) sum += b.available;
        return sum;
    }
}
