package io.surgewms.picking.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Local search for a symmetric TSP tour with node 0 (the depot) fixed at position 0: from each starting tour,
 * 2-opt and Or-opt (segments of 1–3 nodes, either orientation) to a local optimum, then small double-bridge kicks
 * kept when the re-optimised tour is shorter. Moves are only tried towards each node's nearest neighbours, and only
 * around nodes whose edges changed (a work queue), so a kick costs little more than the nodes it disturbs.
 */
final class TourSearch {

    private static final double EPS = 1e-9;
    private static final int NEIGHBOURS = 10, KICK_SEGMENT = 15;

    private final double[][] d;
    private final int n;
    private final int[][] near;             // per node, its nearest other nodes, closest first
    private int[] t;                        // tour; t[0] == 0
    private final int[] pos;
    private final ArrayDeque<Integer> queue = new ArrayDeque<>();
    private final boolean[] queued;

    private TourSearch(double[][] d) {
        this.d = d;
        n = d.length;
        pos = new int[n];
        queued = new boolean[n];
        near = new int[n][];
        int k = Math.min(NEIGHBOURS, n - 1);
        for (int v = 0; v < n; v++) {
            int[] list = new int[k];
            int size = 0;
            for (int w = 0; w < n; w++) {             // insertion into a short sorted list, no boxing
                if (w == v || size == k && d[v][w] >= d[v][list[k - 1]]) continue;
                int p = size < k ? size++ : k - 1;
                while (p > 0 && d[v][list[p - 1]] > d[v][w]) { list[p] = list[p - 1]; p--; }
                list[p] = w;
            }
            near[v] = list;
        }
    }

    /**
     * Best tour found, as a node order starting with 0. The kicks are shared between nearest neighbour and the given
     * starting tours: warehouse tours have very different good shapes (S-shape-like, largest-gap-like) and a kick
     * rarely turns one into another, so diverse starts matter more than kicks from a single one.
     */
    static int[] search(double[][] d, List<int[]> starts, int kicks, long seed) {
        TourSearch s = new TourSearch(d);
        List<int[]> all = new ArrayList<>();
        all.add(nearestNeighbour(d));
        all.addAll(starts);
        Random random = new Random(seed);
        int[] best = null;
        double bestLength = Double.POSITIVE_INFINITY;
        for (int[] start : all) {
            int[] tour = s.climb(start.clone(), kicks / all.size(), random);
            double l = length(d, tour);
            if (l < bestLength - EPS) { best = tour; bestLength = l; }
        }
        return best;
    }

    /** Local optimum from a tour, then kicks from the best tour so far (kept only when shorter). */
    private int[] climb(int[] tour, int kicks, Random random) {
        start(tour);
        for (int v = 0; v < n; v++) push(v);
        optimise();
        int[] best = t.clone();
        double bestLength = length(d, best);
        if (n < 6) return best;
        for (int k = 0; k < kicks; k++) {
            start(best.clone());
            kick(random);
            optimise();
            double l = length(d, t);
            if (l < bestLength - EPS) { best = t.clone(); bestLength = l; }
        }
        return best;
    }

    static double length(double[][] d, int[] t) {
        double l = 0;
        for (int i = 0; i < t.length; i++) l += d[t[i]][t[(i + 1) % t.length]];
        return l;
    }

    private static int[] nearestNeighbour(double[][] d) {
        int n = d.length;
        int[] t = new int[n];
        boolean[] used = new boolean[n];
        used[0] = true;
        for (int p = 1; p < n; p++) {
            int from = t[p - 1], pick = -1;
            for (int v = 1; v < n; v++) if (!used[v] && (pick < 0 || d[from][v] < d[from][pick])) pick = v;
            t[p] = pick;
            used[pick] = true;
        }
        return t;
    }

    private void start(int[] tour) {
        t = tour;
        for (int i = 0; i < n; i++) pos[t[i]] = i;
    }

    private void push(int v) {
        if (!queued[v]) { queued[v] = true; queue.add(v); }
    }

    private int at(int p) { return t[(p % n + n) % n]; }

    private void optimise() {
        while (!queue.isEmpty()) {
            int v = queue.poll();
            queued[v] = false;
            if (twoOpt(v) || orOpt(v)) push(v);
        }
    }

    /** Tries to replace the edge after (then before) v and another edge near v by two shorter ones. */
    private boolean twoOpt(int v) {
        for (int dir = 1; dir >= -1; dir -= 2) {
            int pv = pos[v], b = at(pv + dir);
            for (int c : near[v]) {
                if (d[v][c] >= d[v][b] - EPS) break;       // the new edge (v, c) must be shorter than (v, b)
                int pc = pos[c], e = at(pc + dir);
                if (c == b || e == v) continue;
                if (d[v][c] + d[b][e] < d[v][b] + d[c][e] - EPS) {
                    // edges are identified by their first position: (t[p], t[p+1])
                    int p = dir == 1 ? pv : Math.floorMod(pv - 1, n), q = dir == 1 ? pc : Math.floorMod(pc - 1, n);
                    reverse(Math.min(p, q) + 1, Math.max(p, q));
                    push(v); push(b); push(c); push(e);
                    return true;
                }
            }
        }
        return false;
    }

    /** Tries to move a segment of 1–3 nodes containing v between two adjacent nodes near its ends. */
    private boolean orOpt(int v) {
        for (int len = 1; len <= 3; len++)
            for (int offset = 0; offset < len; offset++) {
                int i = pos[v] - offset, j = i + len - 1;
                if (i < 1 || j > n - 1) continue;                  // the depot never moves
                int first = t[i], last = t[j], before = t[i - 1], after = at(j + 1);
                double gain = d[before][first] + d[last][after] - d[before][after];
                if (gain <= EPS) continue;
                for (int end = 0; end < 2; end++)
                    for (int c : near[end == 0 ? first : last]) {
                        if (pos[c] >= i && pos[c] <= j) continue;
                        for (int side = 0; side < 2; side++) {
                            int p = side == 0 ? pos[c] : Math.floorMod(pos[c] - 1, n);   // insert between t[p], t[p+1]
                            if (p >= i - 1 && p <= j) continue;             // edge touches the segment
                            int u = t[p], w = at(p + 1);
                            double forward = d[u][first] + d[last][w], backward = d[u][last] + d[first][w];
                            if (Math.min(forward, backward) - d[u][w] < gain - EPS) {
                                move(i, len, p, backward < forward);
                                push(before); push(after); push(first); push(last); push(u); push(w);
                                return true;
                            }
                        }
                    }
            }
        return false;
    }

    private void reverse(int from, int to) {
        for (; from < to; from++, to--) {
            int x = t[from]; t[from] = t[to]; t[to] = x;
            pos[t[from]] = from;
            pos[t[to]] = to;
        }
    }

    /** Moves t[i..i+len-1] to just after position p (p outside the segment), reversing it if asked. */
    private void move(int i, int len, int p, boolean reversed) {
        int[] seg = new int[len];
        for (int k = 0; k < len; k++) seg[k] = t[i + (reversed ? len - 1 - k : k)];
        int[] out = new int[n];
        int w = 0;
        for (int k = 0; k < n; k++) {
            if (k >= i && k < i + len) continue;
            out[w++] = t[k];
            if (k == p) for (int s : seg) out[w++] = s;
        }
        start(out);
    }

    /** Swaps two short adjacent stretches B, C of the tour (a local double bridge: A B C D becomes A C B D). */
    private void kick(Random random) {
        int lenB = 1 + random.nextInt(Math.min(KICK_SEGMENT, (n - 1) / 2));
        int lenC = 1 + random.nextInt(Math.min(KICK_SEGMENT, (n - 1) / 2));
        int i = 1 + random.nextInt(n - lenB - lenC);              // B = t[i..], C follows, both after the depot
        int[] out = t.clone();
        System.arraycopy(t, i + lenB, out, i, lenC);
        System.arraycopy(t, i, out, i + lenC, lenB);
        start(out);
        for (int p : new int[] {i - 1, i, i + lenC - 1, i + lenC, i + lenB + lenC - 1, i + lenB + lenC}) push(at(p));
    }
}
