package io.surgewms.picking.routing;

import java.util.Random;

/**
 * Local search for a symmetric TSP tour with node 0 (the depot) fixed at position 0: nearest neighbour, then
 * 2-opt and Or-opt (segments of 1–3 nodes, either orientation) to a local optimum, then double-bridge kicks
 * that are kept when the re-optimised tour is shorter.
 */
final class TourSearch {

    private static final double EPS = 1e-9;

    private TourSearch() { }

    static int[] search(double[][] d, int kicks, long seed) {
        int[] best = nearestNeighbour(d);
        improve(d, best);
        double bestLength = length(d, best);
        if (best.length < 9) return best;            // too few nodes for a double bridge to mean anything
        Random random = new Random(seed);
        for (int k = 0; k < kicks; k++) {
            int[] t = doubleBridge(best, random);
            improve(d, t);
            double l = length(d, t);
            if (l < bestLength - EPS) { best = t; bestLength = l; }
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

    private static void improve(double[][] d, int[] t) {
        boolean again = true;
        while (again) again = twoOpt(d, t) | orOpt(d, t);
    }

    /** Reverses t[i+1..j] whenever swapping edges (t[i],t[i+1]), (t[j],t[j+1]) for the crossing pair is shorter. */
    private static boolean twoOpt(double[][] d, int[] t) {
        int n = t.length;
        boolean improved = false;
        for (int i = 0; i < n - 2; i++)
            for (int j = i + 2; j < n; j++) {
                if (i == 0 && j == n - 1) continue;                  // the same two edges
                int a = t[i], b = t[i + 1], c = t[j], e = t[(j + 1) % n];
                if (d[a][c] + d[b][e] < d[a][b] + d[c][e] - EPS) {
                    for (int l = i + 1, r = j; l < r; l++, r--) { int x = t[l]; t[l] = t[r]; t[r] = x; }
                    improved = true;
                }
            }
        return improved;
    }

    /** Moves a segment of 1–3 nodes between two other adjacent nodes, possibly reversed, when that is shorter. */
    private static boolean orOpt(double[][] d, int[] t) {
        int n = t.length;
        boolean improved = false;
        for (int len = 1; len <= 3; len++)
            for (int i = 1; i + len <= n; i++) {
                int first = t[i], last = t[i + len - 1], before = t[i - 1], after = t[(i + len) % n];
                double gain = d[before][first] + d[last][after] - d[before][after];
                for (int p = 0; p < n; p++) {
                    if (p >= i - 1 && p <= i + len - 1) continue;          // edge touches the segment
                    int u = t[p], v = t[(p + 1) % n];
                    double forward = d[u][first] + d[last][v], backward = d[u][last] + d[first][v];
                    if (Math.min(forward, backward) - d[u][v] < gain - EPS) {
                        move(t, i, len, p, backward < forward);
                        improved = true;
                        break;
                    }
                }
            }
        return improved;
    }

    /** Moves t[i..i+len-1] to just after position p (p outside the segment), reversing it if asked. */
    private static void move(int[] t, int i, int len, int p, boolean reversed) {
        int n = t.length;
        int[] seg = new int[len];
        for (int k = 0; k < len; k++) seg[k] = t[i + (reversed ? len - 1 - k : k)];
        int[] rest = new int[n - len];
        int r = 0, at = -1;
        for (int k = 0; k < n; k++) {
            if (k >= i && k < i + len) continue;
            rest[r] = t[k];
            if (k == p) at = r;
            r++;
        }
        int w = 0;
        for (int k = 0; k < rest.length; k++) {
            t[w++] = rest[k];
            if (k == at) for (int s : seg) t[w++] = s;
        }
    }

    /** Cuts positions 1..n-1 into A B C D and returns A C B D. */
    private static int[] doubleBridge(int[] t, Random random) {
        int n = t.length;
        int[] cut = random.ints(3, 2, n).sorted().toArray();
        if (cut[0] == cut[1] || cut[1] == cut[2]) return t.clone();
        int[] out = new int[n];
        int w = 0;
        for (int k = 0; k < cut[0]; k++) out[w++] = t[k];
        for (int k = cut[1]; k < cut[2]; k++) out[w++] = t[k];
        for (int k = cut[0]; k < cut[1]; k++) out[w++] = t[k];
        for (int k = cut[2]; k < n; k++) out[w++] = t[k];
        return out;
    }
}
