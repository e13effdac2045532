package io.surgewms.bench;

import io.surgewms.layout.LayoutGeometry;
import io.surgewms.picking.routing.BruteForce;
import io.surgewms.picking.routing.ExplicitGraph;
import io.surgewms.picking.routing.GraphTourRouting;
import io.surgewms.picking.routing.LargestGapRouting;
import io.surgewms.picking.routing.OptimalSingleBlockRouting;
import io.surgewms.picking.routing.PickStop;
import io.surgewms.picking.routing.RandomInstances;
import io.surgewms.picking.routing.RoutingPolicy;
import io.surgewms.picking.routing.SShapeRouting;
import io.surgewms.picking.routing.WarehouseRouting;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Route length of S-shape, largest gap and our routing relative to the optimum on generated layouts
 * (run by bench/routing.sh). Optimum: Held–Karp on Dijkstra distances of the explicit aisle graph up to 12 stops,
 * the Ratliff–Rosenthal DP above that. Multi-block: the optimum only at 10 stops; larger lists are compared with the
 * best tour found by a long local-search run, which is not a bound.
 */
public final class RoutingBench {

    private static final int INSTANCES = 300, EXACT_LIMIT = 12;
    /** CPU time of this thread: the 2 shared cores make wall-clock times of sub-millisecond calls meaningless. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int[] SIZES = {5, 10, 30, 60};

    private final Map<String, RoutingPolicy> policies = new LinkedHashMap<>();
    private final double[] pooled = new double[3];   // sums of ratios: ours, S-shape, largest gap (single block)
    private int pooledCount;

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        new RoutingBench().run();
    }

    private RoutingBench() {
        policies.put("s-shape", new SShapeRouting());
        policies.put("largest-gap", new LargestGapRouting());
        policies.put("ours", new WarehouseRouting());
        policies.put("graph-ls", new GraphTourRouting(0, GraphTourRouting.DEFAULT_KICKS));   // heuristic alone, no Held–Karp
    }

    private void run() {
        warmUp();
        System.out.printf("Routing benchmark: %d instances per row, uniform random stops, seeded%n", INSTANCES);
        System.out.println("ratio = mean(route length / optimum); time = mean CPU microseconds per route (thread CPU time)");
        System.out.println("graph-ls = GraphTourRouting with Held-Karp switched off (local search only)");
        header("optimum");
        for (double depotX : new double[] {0, 4.5 * 3.2})
            for (int n : SIZES) row(layout(0, depotX), n, true);
        System.out.println();
        System.out.println("3 cross aisles (4 blocks); S-shape/largest gap use front and back cross aisles only");
        header("reference");
        for (int n : new int[] {10, 30, 60}) row(layout(3, 0), n, false);
        System.out.println("reference = Held-Karp optimum at 10 stops; at 30/60 the best of a 2000-kick local search (not a bound)");
        System.out.println();
        System.out.printf("RESULT routing_vs_optimal=%.4f s_shape_vs_optimal=%.4f largest_gap_vs_optimal=%.4f%n",
                pooled[0] / pooledCount, pooled[1] / pooledCount, pooled[2] / pooledCount);
    }

    /** 10 aisles × 30 bays of 1.3 m, aisles 3.2 m apart, cross aisles 2.5 m wide. */
    private static LayoutGeometry layout(int crossAisles, double depotX) {
        return new LayoutGeometry(10, 30, crossAisles, 1.3, 3.2, 2.5, depotX, 0);
    }

    private void header(String reference) {
        System.out.printf("%-7s %-6s %5s %10s | %-22s | %-22s | %-22s | %-22s%n", "blocks", "depot", "stops", reference + " m",
                "s-shape ratio  time", "largest-gap ratio time", "ours  ratio     time", "graph-ls ratio  time");
    }

    private void row(LayoutGeometry g, int n, boolean singleBlock) {
        RandomInstances random = new RandomInstances(1000L * n + g.crossAisles() * 7 + (long) g.depotX());
        double refSum = 0;
        Map<String, double[]> stats = new LinkedHashMap<>();   // ratio sum, nanos
        policies.keySet().forEach(k -> stats.put(k, new double[2]));
        for (int i = 0; i < INSTANCES; i++) {
            List<PickStop> stops = random.uniformStops(g, n);
            double reference = reference(g, stops);
            refSum += reference;
            Map<String, Double> ratio = new LinkedHashMap<>();
            for (var e : policies.entrySet()) {
                long start = CPU.getCurrentThreadCpuTime();
                double length = e.getValue().route(g, stops).length();
                double[] s = stats.get(e.getKey());
                s[1] += CPU.getCurrentThreadCpuTime() - start;
                if (length < reference - 1e-6 && (singleBlock || n <= EXACT_LIMIT))
                    throw new IllegalStateException(e.getKey() + " beat the optimum: " + length + " < " + reference);
                ratio.put(e.getKey(), length / reference);
                s[0] += length / reference;
            }
            if (singleBlock) {
                pooled[0] += ratio.get("ours");
                pooled[1] += ratio.get("s-shape");
                pooled[2] += ratio.get("largest-gap");
                pooledCount++;
            }
        }
        StringBuilder line = new StringBuilder(String.format("%-7d %-6s %5d %10.1f", g.blocks(),
                g.depotX() == 0 ? "aisle1" : "centre", n, refSum / INSTANCES));
        for (double[] s : stats.values()) line.append(String.format(" | %8.4f %9.1f us", s[0] / INSTANCES, s[1] / INSTANCES / 1e3));
        System.out.println(line);
    }

    private static double reference(LayoutGeometry g, List<PickStop> stops) {
        if (stops.size() <= EXACT_LIMIT) return BruteForce.heldKarp(ExplicitGraph.distances(g, stops));
        if (g.crossAisles() == 0) return new OptimalSingleBlockRouting().route(g, stops).length();
        return new GraphTourRouting(0, 2000).route(g, stops).length();
    }

    private void warmUp() {
        RandomInstances random = new RandomInstances(1);
        List<LayoutGeometry> layouts = List.of(layout(0, 0), layout(3, 0));
        List<RoutingPolicy> all = new ArrayList<>(policies.values());
        for (int i = 0; i < 200; i++)
            for (LayoutGeometry g : layouts) {
                List<PickStop> stops = random.uniformStops(g, SIZES[i % SIZES.length]);
                all.forEach(p -> p.route(g, stops));
            }
    }
}
