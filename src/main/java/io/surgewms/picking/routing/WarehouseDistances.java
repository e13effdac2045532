package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.List;

/**
 * Shortest walking distances in the warehouse graph: travel only along aisle centrelines (x = aisleX) and
 * cross-aisle centrelines (y = crossAisleY(k)). Aisles run unbroken from the front to the back cross aisle.
 * The depot sits at (depotX, 0) on the front cross aisle; a non-zero depotY is treated as a straight spur of
 * length |depotY| from that point, walked once out and once back.
 */
public final class WarehouseDistances {

    private final LayoutGeometry g;
    private final double[] crossY;

    public WarehouseDistances(LayoutGeometry g) {
        this.g = g;
        crossY = new double[g.blocks() + 1];
        for (int k = 0; k < crossY.length; k++) crossY[k] = g.crossAisleY(k);
    }

    public LayoutGeometry geometry() { return g; }

    /** Between two points on aisle centrelines. */
    public double between(int aisleA, double yA, int aisleB, double yB) {
        if (aisleA == aisleB) return Math.abs(yA - yB);
        // Changing aisle means walking along one cross aisle; the best one is the cheapest detour (zero if one lies between).
        double best = Double.POSITIVE_INFINITY;
        for (double c : crossY) best = Math.min(best, Math.abs(yA - c) + Math.abs(yB - c));
        return Math.abs(g.aisleX(aisleA) - g.aisleX(aisleB)) + best;
    }

    public double between(PickStop a, PickStop b) { return between(a.aisle(), a.y(), b.aisle(), b.y()); }

    /** From the depot to a point on an aisle: along the front cross aisle, then up the aisle. */
    public double fromDepot(int aisle, double y) {
        return Math.abs(g.depotY()) + Math.abs(g.depotX() - g.aisleX(aisle)) + y;
    }

    public double fromDepot(PickStop s) { return fromDepot(s.aisle(), s.y()); }

    /** Rejects stops that do not lie in the layout. */
    public static void check(LayoutGeometry g, List<PickStop> stops) {
        double depth = g.depth();
        for (PickStop s : stops) {
            if (s.aisle() > g.aisles()) throw new IllegalArgumentException("aisle " + s.aisle() + " > " + g.aisles());
            if (s.y() > depth + 1e-9) throw new IllegalArgumentException("y " + s.y() + " beyond back cross aisle " + depth);
        }
    }

    /**
     * Length of the tour depot → stops[order[0]] → ... → depot, walking shortest paths. {@code order} may leave
     * stops out (e.g. a short pick removed mid-tour) but must not repeat one.
     */
    public static double length(LayoutGeometry g, List<PickStop> stops, List<Integer> order) {
        check(g, stops);
        if (order.isEmpty()) return 0;
        WarehouseDistances d = new WarehouseDistances(g);
        boolean[] seen = new boolean[stops.size()];
        double total = 0;
        PickStop prev = null;
        for (int i : order) {
            if (i < 0 || i >= stops.size()) throw new IllegalArgumentException("no stop " + i);
            if (seen[i]) throw new IllegalArgumentException("stop " + i + " appears twice");
            seen[i] = true;
            PickStop s = stops.get(i);
            total += prev == null ? d.fromDepot(s) : d.between(prev, s);
            prev = s;
        }
        return total + d.fromDepot(prev);
    }
}
