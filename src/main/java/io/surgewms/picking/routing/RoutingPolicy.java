package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.List;

/** Orders the stops of one pick tour starting and ending at the layout's depot. */
public interface RoutingPolicy {

    /** Every index of {@code stops} appears exactly once in the returned order; no stops gives {@link Route#EMPTY}. */
    Route route(LayoutGeometry g, List<PickStop> stops);
}
