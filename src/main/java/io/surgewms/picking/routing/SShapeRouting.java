package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.ArrayList;
import java.util.List;

/**
 * S-shape (traversal) policy, Hall (1993) / Petersen (1997): every aisle holding a pick is traversed entirely,
 * alternately front-to-back and back-to-front; with an odd number of pick aisles the last one is entered from the
 * front and left the same way after its farthest pick. The picker walks the front cross aisle from the depot to
 * the first pick aisle and back from the last one.
 * <p>
 * As in Roodbergen &amp; de Koster (2001) the sweep always starts at the leftmost pick aisle, wherever the depot is.
 * Multi-block layouts are treated as a single block: internal cross aisles are not used, which is still a walkable
 * route, just not Roodbergen's multi-block S-shape.
 */
public final class SShapeRouting implements RoutingPolicy {

    @Override
    public Route route(LayoutGeometry g, List<PickStop> stops) {
        WarehouseDistances.check(g, stops);
        if (stops.isEmpty()) return Route.EMPTY;
        List<AisleStops> aisles = AisleStops.group(stops);
        double depth = g.depth();
        int k = aisles.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            AisleStops a = aisles.get(i);
            int last = a.ys().length - 1;
            // even-numbered aisles are walked upwards (also the return aisle when k is odd), odd ones downwards
            if (i % 2 == 0) a.appendTo(order, 0, last);
            else a.appendTo(order, last, 0);
        }
        double vertical = k % 2 == 0 ? k * depth : (k - 1) * depth + 2 * aisles.get(k - 1).maxY();
        double xFirst = g.aisleX(aisles.get(0).aisle()), xLast = g.aisleX(aisles.get(k - 1).aisle());
        double horizontal = Math.abs(g.depotX() - xFirst) + Math.abs(xLast - xFirst) + Math.abs(xLast - g.depotX());
        return new Route(order, horizontal + vertical + 2 * Math.abs(g.depotY()));
    }
}
