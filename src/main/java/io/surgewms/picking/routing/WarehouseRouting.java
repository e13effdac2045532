package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.ArrayList;
import java.util.List;

/**
 * The routing the picking module uses: exact (Ratliff &amp; Rosenthal) on single-block layouts, the graph tour
 * heuristic (exact up to 12 places) when internal cross aisles split the aisles into blocks.
 */
public final class WarehouseRouting implements RoutingPolicy {

    private final RoutingPolicy singleBlock = new OptimalSingleBlockRouting();
    private final RoutingPolicy multiBlock = new GraphTourRouting();

    @Override
    public Route route(LayoutGeometry g, List<PickStop> stops) {
        return (g.crossAisles() == 0 ? singleBlock : multiBlock).route(g, stops);
    }

    /** Shortest-path length of a visiting order (stops left out are skipped); see {@link WarehouseDistances#length}. */
    public double length(LayoutGeometry g, List<PickStop> stops, List<Integer> order) {
        return WarehouseDistances.length(g, stops, order);
    }

    /** The same route without one stop (e.g. a short pick), remaining order kept, length recomputed. */
    public Route without(LayoutGeometry g, List<PickStop> stops, Route route, int stopIndex) {
        List<Integer> order = new ArrayList<>(route.order());
        if (!order.remove(Integer.valueOf(stopIndex))) throw new IllegalArgumentException("stop " + stopIndex + " not on route");
        return new Route(order, length(g, stops, order));
    }
}
