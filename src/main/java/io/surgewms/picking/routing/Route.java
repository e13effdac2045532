package io.surgewms.picking.routing;

import java.util.List;

/**
 * A route from the depot back to the depot.
 *
 * @param order  indices into the caller's stop list, in visiting order
 * @param length metres walked when the picker follows the policy that produced the route. For path-prescribing
 *               heuristics (S-shape, largest gap) this can exceed {@link WarehouseDistances#length}, which walks
 *               shortest paths between consecutive stops of the same order.
 */
public record Route(List<Integer> order, double length) {

    public static final Route EMPTY = new Route(List.of(), 0);

    public Route {
        order = List.copyOf(order);
        if (!(length >= 0) || Double.isInfinite(length)) throw new IllegalArgumentException("bad length " + length);
    }
}
