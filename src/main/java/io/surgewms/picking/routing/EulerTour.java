package io.surgewms.picking.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** Eulerian circuit (Hierholzer) of a small multigraph whose vertices all have even degree. */
final class EulerTour {

    private final List<List<int[]>> adjacent = new ArrayList<>();   // {neighbour, edge id}
    private int edges;

    EulerTour(int vertices) {
        for (int v = 0; v < vertices; v++) adjacent.add(new ArrayList<>());
    }

    void edge(int u, int v, int times) {
        for (int t = 0; t < times; t++, edges++) {
            adjacent.get(u).add(new int[] {v, edges});
            adjacent.get(v).add(new int[] {u, edges});
        }
    }

    /** Vertices of a closed walk from start using every edge once (just start if it has no edges). */
    List<Integer> circuit(int start) {
        boolean[] used = new boolean[edges];
        int[] next = new int[adjacent.size()];
        Deque<Integer> stack = new ArrayDeque<>();
        List<Integer> walk = new ArrayList<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            int v = stack.peek();
            List<int[]> adj = adjacent.get(v);
            while (next[v] < adj.size() && used[adj.get(next[v])[1]]) next[v]++;
            if (next[v] == adj.size()) walk.add(stack.pop());
            else {
                int[] e = adj.get(next[v]);
                used[e[1]] = true;
                stack.push(e[0]);
            }
        }
        Collections.reverse(walk);
        return walk;
    }
}
