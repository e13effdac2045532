package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact shortest pick tour for single-block layouts (no internal cross aisles): Ratliff &amp; Rosenthal (1983).
 * <p>
 * The tour is a connected, all-even-degree multigraph on the warehouse graph covering the depot and every stop.
 * A left-to-right sweep decides, per aisle, one of six vertical moves (none, traverse, traverse twice, return from
 * the front, return from the back, both returns leaving out the largest gap between stops) and, between adjacent
 * aisles, how often (0, 1, 2) the front and back cross aisle segments are walked. The DP state is the degree class
 * (untouched / odd / even) of the current aisle's front and back vertices and whether they are already connected,
 * plus "closed" once the tour has been completed to the left. A depot between aisles becomes an extra column that
 * allows no vertical move. The visiting order is read off an Eulerian circuit of the chosen multigraph from the
 * depot, listing each stop at its first visit.
 */
public final class OptimalSingleBlockRouting implements RoutingPolicy {

    private static final int NONE = 0, TRAVERSE = 1, DOUBLE = 2, FROM_FRONT = 3, FROM_BACK = 4, GAP = 5, MOVES = 6;
    private static final int[] ADD_FRONT = {0, 1, 2, 2, 0, 2}, ADD_BACK = {0, 1, 2, 0, 2, 2};
    private static final boolean[] JOINS = {false, true, true, false, false, false};
    private static final int UNTOUCHED = 0, ODD = 1, EVEN = 2;
    private static final int EMPTY = 0, CLOSED = 18, STATES = 19;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** A vertical line of the sweep: a real aisle, or the depot's point on the front cross aisle. */
    private static final class Column {
        final double x;
        final boolean real;
        boolean depot;
        double[] ys = {};                 // distinct stop positions strictly between the cross aisles
        int[][] at = {};
        int[] front = {}, back = {};      // stops lying on the front / back cross aisle
        final double[] cost = new double[MOVES];
        int gapEnd;                       // GAP move: stops [0, gapEnd) from the front, the rest from the back

        Column(double x, boolean real) { this.x = x; this.real = real; }

        boolean needsFront() { return depot || front.length > 0; }

        boolean needsBack() { return back.length > 0; }
    }

    @Override
    public Route route(LayoutGeometry g, List<PickStop> stops) {
        if (g.crossAisles() != 0)
            throw new IllegalArgumentException("exact routing needs a single-block layout, got " + g.crossAisles() + " cross aisles");
        WarehouseDistances.check(g, stops);
        if (stops.isEmpty()) return Route.EMPTY;
        double spur = 2 * Math.abs(g.depotY());
        Column[] cols = columns(g, stops);
        if (allAtDepot(cols, stops.size())) return new Route(indices(stops.size()), spur);

        int n = cols.length;
        double[][] best = new double[n][STATES];
        int[][] from = new int[n][STATES];        // packed: previous state, front and back multiplicities, move
        for (double[] row : best) Arrays.fill(row, INF);
        for (int c = 0; c < n; c++) {
            Column col = cols[c];
            for (int s = 0; s < (c == 0 ? 1 : STATES); s++) {
                double base = c == 0 ? 0 : best[c - 1][s];
                if (base == INF) continue;
                for (int f = 0; f <= 2; f++) for (int b = 0; b <= 2; b++) {
                    if (c == 0 && f + b > 0) continue;
                    int mid = c == 0 ? EMPTY : across(s, f, b, cols[c - 1].needsFront(), cols[c - 1].needsBack());
                    if (mid < 0) continue;
                    double walked = base + (c == 0 ? 0 : (f + b) * (col.x - cols[c - 1].x));
                    for (int move = 0; move < MOVES; move++) {
                        if (col.cost[move] == INF) continue;
                        int t = up(mid, move);
                        if (t < 0 || walked + col.cost[move] >= best[c][t]) continue;
                        best[c][t] = walked + col.cost[move];
                        from[c][t] = s | f << 5 | b << 7 | move << 9;
                    }
                }
            }
        }
        // The tour may end at the last column if closing it there is a legal "walk nothing further" step.
        int end = -1;
        for (int s = 0; s < STATES; s++)
            if (best[n - 1][s] < INF && across(s, 0, 0, cols[n - 1].needsFront(), cols[n - 1].needsBack()) == CLOSED
                    && (end < 0 || best[n - 1][s] < best[n - 1][end])) end = s;
        if (end < 0) throw new IllegalStateException("no feasible tour; this is a bug");
        return new Route(order(cols, from, end, stops.size()), best[n - 1][end] + spur);
    }

    // ---- state algebra -------------------------------------------------------------------------------------

    private static int state(int front, int back, boolean joined) {
        return (front * 3 + back) * 2 + (joined && front > 0 && back > 0 ? 1 : 0);
    }

    private static int frontDeg(int s) { return s / 6; }

    private static int backDeg(int s) { return s / 2 % 3; }

    private static boolean joined(int s) { return s % 2 == 1; }

    private static int add(int deg, int edges) {
        if (edges == 0) return deg;
        return ((deg == ODD ? 1 : 0) + edges) % 2 == 1 ? ODD : EVEN;
    }

    /**
     * Leaves a column over f front and b back cross-aisle segments. The column's vertices leave the frontier, so
     * they must end with even degree (and be covered if required); a component that does not reach the next
     * column is finished, which is only legal if it is the whole tour. Returns -1 if illegal.
     */
    private static int across(int s, int f, int b, boolean needFront, boolean needBack) {
        if (s == CLOSED) return f == 0 && b == 0 && !needFront && !needBack ? CLOSED : -1;
        int dA = frontDeg(s), dB = backDeg(s);
        int endA = add(dA, f), endB = add(dB, b);
        if (endA == ODD || endB == ODD || (needFront && endA == UNTOUCHED) || (needBack && endB == UNTOUCHED)) return -1;
        // component labels: 1 = front vertex's, 2 = back vertex's (1 if joined), 3 / 4 = started by this step
        int compA = dA > 0 ? 1 : f > 0 ? 3 : 0;
        int compB = dB > 0 ? (joined(s) ? 1 : 2) : b > 0 ? 4 : 0;
        int nextA = f > 0 ? compA : 0, nextB = b > 0 ? compB : 0;
        int finished = 0;
        if (dA > 0 && nextA != 1 && nextB != 1) finished++;
        if (dB > 0 && !joined(s) && nextA != 2 && nextB != 2) finished++;
        if (finished > 0) return finished == 1 && nextA == 0 && nextB == 0 ? CLOSED : -1;
        return state(f == 0 ? UNTOUCHED : f == 1 ? ODD : EVEN, b == 0 ? UNTOUCHED : b == 1 ? ODD : EVEN,
                nextA != 0 && nextA == nextB);
    }

    /** Applies a vertical move in the current column; -1 if illegal. */
    private static int up(int s, int move) {
        if (s == CLOSED) return move == NONE ? CLOSED : -1;
        int dA = frontDeg(s), dB = backDeg(s);
        int nA = add(dA, ADD_FRONT[move]), nB = add(dB, ADD_BACK[move]);
        // a move that does not join front and back keeps the old relation; a vertex touched only now is on its own
        boolean joined = JOINS[move] || (dA > 0 && dB > 0 && joined(s));
        return state(nA, nB, joined);
    }

    // ---- layout → columns ----------------------------------------------------------------------------------

    private static Column[] columns(LayoutGeometry g, List<PickStop> stops) {
        double depth = g.depth();
        List<Column> cols = new ArrayList<>();
        for (int a = 1; a <= g.aisles(); a++) cols.add(new Column(g.aisleX(a), true));
        for (AisleStops a : AisleStops.group(stops)) {
            Column col = cols.get(a.aisle() - 1);
            int lo = 0, hi = a.ys().length;
            if (a.ys()[0] <= 0) col.front = a.at()[lo++];
            if (hi > lo && a.ys()[hi - 1] >= depth) col.back = a.at()[--hi];
            col.ys = Arrays.copyOfRange(a.ys(), lo, hi);
            col.at = Arrays.copyOfRange(a.at(), lo, hi);
        }
        Column depot = cols.stream().filter(c -> Math.abs(c.x - g.depotX()) < 1e-9).findFirst().orElse(null);
        if (depot == null) {
            depot = new Column(g.depotX(), false);
            cols.add(depot);
            cols.sort((p, q) -> Double.compare(p.x, q.x));
        }
        depot.depot = true;
        for (Column c : cols) prepareMoves(c, depth);
        return cols.toArray(Column[]::new);
    }

    private static void prepareMoves(Column c, double depth) {
        int m = c.ys.length;
        Arrays.fill(c.cost, INF);
        if (m == 0) c.cost[NONE] = 0;
        if (!c.real) return;
        c.cost[TRAVERSE] = depth;
        c.cost[DOUBLE] = 2 * depth;
        if (m == 0) return;
        c.cost[FROM_FRONT] = 2 * c.ys[m - 1];
        c.cost[FROM_BACK] = 2 * (depth - c.ys[0]);
        for (int k = 1; k < m; k++) {
            double cost = 2 * (depth - (c.ys[k] - c.ys[k - 1]));
            if (cost < c.cost[GAP]) { c.cost[GAP] = cost; c.gapEnd = k; }
        }
    }

    private static boolean allAtDepot(Column[] cols, int stopCount) {
        for (Column c : cols) if (c.depot) return c.real && c.front.length == stopCount;
        return false;
    }

    private static List<Integer> indices(int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) all.add(i);
        return all;
    }

    // ---- chosen edges → visiting order --------------------------------------------------------------------

    private static List<Integer> order(Column[] cols, int[][] from, int end, int stopCount) {
        int n = cols.length;
        int[] offset = new int[n + 1];                   // interior stop nodes of column c: offset[c] + k
        offset[0] = 2 * n;
        for (int c = 0; c < n; c++) offset[c + 1] = offset[c] + cols[c].ys.length;
        EulerTour tour = new EulerTour(offset[n]);
        int s = end;
        for (int c = n - 1; c >= 0; c--) {
            int packed = from[c][s], f = packed >> 5 & 3, b = packed >> 7 & 3, move = packed >> 9;
            if (c > 0) {
                tour.edge(2 * (c - 1), 2 * c, f);
                tour.edge(2 * (c - 1) + 1, 2 * c + 1, b);
            }
            addMove(tour, cols[c], move, 2 * c, 2 * c + 1, offset[c]);
            s = packed & 31;
        }
        int[][] stopsAt = new int[offset[n]][];
        for (int c = 0; c < n; c++) {
            stopsAt[2 * c] = cols[c].front;
            stopsAt[2 * c + 1] = cols[c].back;
            for (int k = 0; k < cols[c].ys.length; k++) stopsAt[offset[c] + k] = cols[c].at[k];
        }
        int depotNode = 0;
        while (!cols[depotNode / 2].depot) depotNode += 2;
        List<Integer> order = new ArrayList<>(stopCount);
        boolean[] seen = new boolean[offset[n]];
        for (int v : tour.circuit(depotNode)) {
            if (seen[v]) continue;
            seen[v] = true;
            for (int i : stopsAt[v]) order.add(i);
        }
        if (order.size() != stopCount) throw new IllegalStateException("tour misses stops; this is a bug");
        return order;
    }

    /** Adds the vertical edges of a move along the chain front, stops..., back. */
    private static void addMove(EulerTour tour, Column c, int move, int front, int back, int first) {
        int m = c.ys.length;
        int[] chain = new int[m + 2];
        chain[0] = front;
        for (int k = 0; k < m; k++) chain[k + 1] = first + k;
        chain[m + 1] = back;
        switch (move) {
            case TRAVERSE, DOUBLE -> { for (int k = 0; k <= m; k++) tour.edge(chain[k], chain[k + 1], move); }
            case FROM_FRONT -> { for (int k = 0; k < m; k++) tour.edge(chain[k], chain[k + 1], 2); }
            case FROM_BACK -> { for (int k = 1; k <= m; k++) tour.edge(chain[k], chain[k + 1], 2); }
            case GAP -> {
                for (int k = 0; k < c.gapEnd; k++) tour.edge(chain[k], chain[k + 1], 2);
                for (int k = c.gapEnd + 1; k <= m; k++) tour.edge(chain[k], chain[k + 1], 2);
            }
            default -> { }
        }
    }
}
