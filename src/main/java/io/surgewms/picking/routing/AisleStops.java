package io.surgewms.picking.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stops of one aisle: distinct positions ascending, and the input indices standing at each.
 * Several stops at the same (aisle, y) are one place to walk to.
 */
record AisleStops(int aisle, double[] ys, int[][] at) {

    double minY() { return ys[0]; }

    double maxY() { return ys[ys.length - 1]; }

    /** Groups stops by aisle, aisles ascending. */
    static List<AisleStops> group(List<PickStop> stops) {
        TreeMap<Integer, TreeMap<Double, List<Integer>>> byAisle = new TreeMap<>();
        for (int i = 0; i < stops.size(); i++) {
            PickStop s = stops.get(i);
            byAisle.computeIfAbsent(s.aisle(), a -> new TreeMap<>()).computeIfAbsent(s.y(), y -> new ArrayList<>()).add(i);
        }
        List<AisleStops> out = new ArrayList<>();
        for (var e : byAisle.entrySet()) {
            double[] ys = new double[e.getValue().size()];
            int[][] at = new int[ys.length][];
            int k = 0;
            for (Map.Entry<Double, List<Integer>> p : e.getValue().entrySet()) {
                ys[k] = p.getKey();
                at[k++] = p.getValue().stream().mapToInt(Integer::intValue).toArray();
            }
            out.add(new AisleStops(e.getKey(), ys, at));
        }
        return out;
    }

    /** Appends the stops at positions from..to (inclusive; descending if from > to). */
    void appendTo(List<Integer> order, int from, int to) {
        int step = from <= to ? 1 : -1;
        for (int k = from; k != to + step; k += step) for (int i : at[k]) order.add(i);
    }
}
