package io.surgewms.picking.routing;

import java.util.Arrays;

/** Test oracle: optimal tour length over node 0 (depot) and nodes 1..n of a distance matrix. */
public final class BruteForce {

    private BruteForce() { }

    /** Tries every permutation; fine up to 8 or 9 nodes. */
    public static double byPermutations(double[][] d) {
        int n = d.length - 1;
        if (n == 0) return 0;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i + 1;
        return permute(d, perm, 0, 0, 0, Double.POSITIVE_INFINITY);
    }

    private static double permute(double[][] d, int[] perm, int k, int at, double sofar, double best) {
        if (sofar >= best) return best;
        if (k == perm.length) return Math.min(best, sofar + d[at][0]);
        for (int i = k; i < perm.length; i++) {
            swap(perm, k, i);
            best = permute(d, perm, k + 1, perm[k], sofar + d[at][perm[k]], best);
            swap(perm, k, i);
        }
        return best;
    }

    private static void swap(int[] a, int i, int j) { int x = a[i]; a[i] = a[j]; a[j] = x; }

    /** Held–Karp, written independently of the production one; fine up to ~16 nodes. */
    public static double heldKarp(double[][] d) {
        int n = d.length - 1;
        if (n == 0) return 0;
        double[][] c = new double[1 << n][n];
        for (double[] row : c) Arrays.fill(row, Double.POSITIVE_INFINITY);
        for (int j = 0; j < n; j++) c[1 << j][j] = d[0][j + 1];
        for (int mask = 1; mask < 1 << n; mask++)
            for (int j = 0; j < n; j++) {
                if ((mask >> j & 1) == 0 || c[mask][j] == Double.POSITIVE_INFINITY) continue;
                for (int k = 0; k < n; k++)
                    if ((mask >> k & 1) == 0)
                        c[mask | 1 << k][k] = Math.min(c[mask | 1 << k][k], c[mask][j] + d[j + 1][k + 1]);
            }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) best = Math.min(best, c[(1 << n) - 1][j] + d[j + 1][0]);
        return best;
    }
}
