package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Test oracle: the warehouse graph built explicitly (every aisle/cross-aisle intersection, stop and the depot as
 * vertices) with Dijkstra distances. Independent of {@link WarehouseDistances}' closed form.
 */
public final class ExplicitGraph {

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<List<double[]>> adj = new ArrayList<>();   // {neighbour, length}

    private ExplicitGraph() { }

    /** Matrix over [depot, stops...] of shortest walking distances. */
    public static double[][] distances(LayoutGeometry g, List<PickStop> stops) {
        ExplicitGraph graph = new ExplicitGraph();
        int crossAisles = g.blocks() + 1;
        for (int a = 1; a <= g.aisles(); a++) {
            TreeSet<Double> ys = new TreeSet<>();
            for (int k = 0; k < crossAisles; k++) ys.add(g.crossAisleY(k));
            for (PickStop s : stops) if (s.aisle() == a) ys.add(s.y());
            graph.chain(g.aisleX(a), ys, true);
        }
        for (int k = 0; k < crossAisles; k++) {
            TreeSet<Double> xs = new TreeSet<>();
            for (int a = 1; a <= g.aisles(); a++) xs.add(g.aisleX(a));
            if (k == 0) xs.add(g.depotX());
            graph.chain(g.crossAisleY(k), xs, false);
        }
        int depot = graph.id("depot");
        graph.link(depot, graph.id(g.depotX(), 0.0), Math.abs(g.depotY()));
        int[] nodes = new int[stops.size() + 1];
        nodes[0] = depot;
        for (int i = 0; i < stops.size(); i++) nodes[i + 1] = graph.id(g.aisleX(stops.get(i).aisle()), stops.get(i).y());
        double[][] d = new double[nodes.length][];
        for (int i = 0; i < nodes.length; i++) {
            double[] all = graph.dijkstra(nodes[i]);
            d[i] = Arrays.stream(nodes).mapToDouble(v -> all[v]).toArray();
        }
        return d;
    }

    private void chain(double fixed, TreeSet<Double> along, boolean vertical) {
        Integer prev = null;
        double prevAt = 0;
        for (double at : along) {
            int v = vertical ? id(fixed, at) : id(at, fixed);
            if (prev != null) link(prev, v, at - prevAt);
            prev = v;
            prevAt = at;
        }
    }

    private int id(double x, double y) { return id(x + "," + y); }

    private int id(String key) {
        return ids.computeIfAbsent(key, k -> { adj.add(new ArrayList<>()); return adj.size() - 1; });
    }

    private void link(int u, int v, double length) {
        adj.get(u).add(new double[] {v, length});
        adj.get(v).add(new double[] {u, length});
    }

    private double[] dijkstra(int source) {
        double[] dist = new double[adj.size()];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        dist[source] = 0;
        PriorityQueue<double[]> queue = new PriorityQueue<>((p, q) -> Double.compare(p[1], q[1]));
        queue.add(new double[] {source, 0});
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int u = (int) top[0];
            if (top[1] > dist[u]) continue;
            for (double[] e : adj.get(u)) {
                int v = (int) e[0];
                if (dist[u] + e[1] < dist[v]) { dist[v] = dist[u] + e[1]; queue.add(new double[] {v, dist[v]}); }
            }
        }
        return dist;
    }
}
