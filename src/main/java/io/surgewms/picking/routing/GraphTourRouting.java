package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Routing for any layout, including blocks split by internal cross aisles: a travelling-salesman tour over the
 * depot and the distinct stop places with shortest-path distances of the warehouse graph
 * ({@link WarehouseDistances}). Up to {@code exactLimit} places the tour is optimal (Held–Karp); beyond that it is
 * iterated local search (2-opt, Or-opt, small double-bridge kicks; see {@link TourSearch}) started from nearest
 * neighbour and from the S-shape and largest-gap orders, seeded so the same input always gives the same route.
 * With the default 200 kicks a 60-stop list takes 1–2 ms of CPU.
 */
public final class GraphTourRouting implements RoutingPolicy {

    public static final int DEFAULT_EXACT_LIMIT = 12;
    public static final int DEFAULT_KICKS = 200;

    private final int exactLimit, kicks;

    public GraphTourRouting() { this(DEFAULT_EXACT_LIMIT, DEFAULT_KICKS); }

    /** exactLimit: most places solved by Held–Karp (memory 2^n·n, so at most 16); kicks: perturbations, shared among the three starting tours. */
    public GraphTourRouting(int exactLimit, int kicks) {
        if (exactLimit < 0 || exactLimit > 16 || kicks < 0) throw new IllegalArgumentException("need 0 <= exactLimit <= 16, kicks >= 0");
        this.exactLimit = exactLimit;
        this.kicks = kicks;
    }

    @Override
    public Route route(LayoutGeometry g, List<PickStop> stops) {
        WarehouseDistances.check(g, stops);
        if (stops.isEmpty()) return Route.EMPTY;
        // node 0 is the depot, nodes 1.. the distinct places
        List<int[]> stopsAt = new ArrayList<>();
        List<PickStop> places = new ArrayList<>();
        int[] placeOf = new int[stops.size()];
        for (AisleStops a : AisleStops.group(stops))
            for (int k = 0; k < a.ys().length; k++) {
                stopsAt.add(a.at()[k]);
                for (int i : a.at()[k]) placeOf[i] = places.size() + 1;
                places.add(new PickStop(a.aisle(), a.ys()[k], 0));
            }
        double[][] d = distances(new WarehouseDistances(g), places);
        int[] tour = places.size() <= exactLimit ? heldKarp(d)
                : TourSearch.search(d, classicStarts(g, stops, placeOf, d.length), kicks, 0x5eed ^ places.size());
        List<Integer> order = new ArrayList<>(stops.size());
        for (int p = 1; p < tour.length; p++) for (int i : stopsAt.get(tour[p] - 1)) order.add(i);
        return new Route(order, TourSearch.length(d, tour));
    }

    /** S-shape and largest-gap orders as node tours: structurally different starts for the local search. */
    private static List<int[]> classicStarts(LayoutGeometry g, List<PickStop> stops, int[] placeOf, int nodes) {
        List<int[]> starts = new ArrayList<>();
        for (RoutingPolicy p : List.of(new SShapeRouting(), new LargestGapRouting())) {
            int[] tour = new int[nodes];
            boolean[] seen = new boolean[nodes];
            int w = 1;
            for (int i : p.route(g, stops).order())
                if (!seen[placeOf[i]]) { seen[placeOf[i]] = true; tour[w++] = placeOf[i]; }
            starts.add(tour);
        }
        return starts;
    }

    static double[][] distances(WarehouseDistances w, List<PickStop> places) {
        int n = places.size() + 1;
        double[][] d = new double[n][n];
        for (int i = 1; i < n; i++) {
            d[0][i] = d[i][0] = w.fromDepot(places.get(i - 1));
            for (int j = 1; j < i; j++) d[i][j] = d[j][i] = w.between(places.get(i - 1), places.get(j - 1));
        }
        return d;
    }

    /** Optimal tour 0 → all nodes → 0 by Held–Karp; returns node order starting with 0. */
    static int[] heldKarp(double[][] d) {
        int n = d.length - 1, full = 1 << n;
        double[] cost = new double[full * n];            // cost[mask·n + j]: visited mask, standing at node j+1
        byte[] prev = new byte[full * n];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        for (int j = 0; j < n; j++) cost[(1 << j) * n + j] = d[0][j + 1];
        for (int mask = 1; mask < full; mask++)
            for (int j = 0; j < n; j++) {
                double here = cost[mask * n + j];
                if (here == Double.POSITIVE_INFINITY) continue;
                for (int k = 0; k < n; k++) {
                    if ((mask & 1 << k) != 0) continue;
                    int next = (mask | 1 << k) * n + k;
                    double c = here + d[j + 1][k + 1];
                    if (c < cost[next]) { cost[next] = c; prev[next] = (byte) j; }
                }
            }
        int last = 0;
        for (int j = 1; j < n; j++)
            if (cost[(full - 1) * n + j] + d[j + 1][0] < cost[(full - 1) * n + last] + d[last + 1][0]) last = j;
        int[] tour = new int[n + 1];
        for (int mask = full - 1, j = last, p = n; p >= 1; p--) {
            tour[p] = j + 1;
            int before = prev[mask * n + j];
            mask &= ~(1 << j);
            j = before;
        }
        return tour;
    }
}
