package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Largest-gap policy, Hall (1993) / Petersen (1997): the leftmost and rightmost pick aisles are traversed entirely;
 * every aisle in between is entered from the back cross aisle and from the front cross aisle, each time returning
 * the same way, so that the largest gap between adjacent stops (or between a cross aisle and the nearest stop) is
 * never walked. With a single pick aisle the picker goes up to its farthest stop and back.
 * <p>
 * Multi-block layouts are treated as a single block (front and back cross aisles only), which is walkable but
 * ignores the internal cross aisles.
 */
public final class LargestGapRouting implements RoutingPolicy {

    @Override
    public Route route(LayoutGeometry g, List<PickStop> stops) {
        WarehouseDistances.check(g, stops);
        if (stops.isEmpty()) return Route.EMPTY;
        List<AisleStops> aisles = AisleStops.group(stops);
        double depth = g.depth(), dX = g.depotX(), spur = 2 * Math.abs(g.depotY());
        List<Integer> order = new ArrayList<>();
        AisleStops left = aisles.get(0), right = aisles.get(aisles.size() - 1);
        if (aisles.size() == 1) {
            left.appendTo(order, 0, left.ys().length - 1);
            return new Route(order, 2 * Math.abs(dX - g.aisleX(left.aisle())) + 2 * left.maxY() + spur);
        }
        // The tour is one loop: front cross aisle, up the left aisle, along the back, down the right aisle.
        // Front parts of inner aisles are picked from the front cross aisle, back parts from the back one.
        int inner = aisles.size() - 2;
        int[] split = new int[inner];            // stops [0, split) are front part, [split, n) back part
        double vertical = 2 * depth;
        for (int i = 0; i < inner; i++) {
            AisleStops a = aisles.get(i + 1);
            split[i] = largestGapEnd(a.ys(), depth);
            double gap = (split[i] == a.ys().length ? depth : a.ys()[split[i]]) - (split[i] == 0 ? 0 : a.ys()[split[i] - 1]);
            vertical += 2 * (depth - gap);
        }
        // Walk the loop starting at the depot going left: front parts left of the depot first (right to left),
        // then the left aisle, back parts, right aisle, remaining front parts (right to left).
        for (int i = inner - 1; i >= 0; i--)
            if (g.aisleX(aisles.get(i + 1).aisle()) < dX) appendFront(aisles.get(i + 1), split[i], order);
        left.appendTo(order, 0, left.ys().length - 1);
        for (int i = 0; i < inner; i++) {
            AisleStops a = aisles.get(i + 1);
            if (split[i] < a.ys().length) a.appendTo(order, a.ys().length - 1, split[i]);
        }
        right.appendTo(order, right.ys().length - 1, 0);
        for (int i = inner - 1; i >= 0; i--)
            if (g.aisleX(aisles.get(i + 1).aisle()) >= dX) appendFront(aisles.get(i + 1), split[i], order);
        double xL = g.aisleX(left.aisle()), xR = g.aisleX(right.aisle());
        double horizontal = Math.abs(dX - xL) + Math.abs(xR - dX) + (xR - xL);
        return new Route(order, horizontal + vertical + spur);
    }

    private static void appendFront(AisleStops a, int split, List<Integer> order) {
        if (split > 0) a.appendTo(order, 0, split - 1);
    }

    /** Index of the first stop above the largest gap among 0, ys..., depth (ys.length when the gap is at the back). */
    static int largestGapEnd(double[] ys, double depth) {
        int best = 0;
        double bestGap = ys[0];
        for (int k = 1; k <= ys.length; k++) {
            double gap = (k == ys.length ? depth : ys[k]) - ys[k - 1];
            if (gap > bestGap) { bestGap = gap; best = k; }
        }
        return best;
    }
}
