package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

/**
 * A place the picker must stop at: on the centreline of {@code aisle} (1-based) at {@code y} metres from the
 * front cross aisle centreline. {@code id} is opaque to routing; callers use it (or the list index) to map back.
 */
public record PickStop(int aisle, double y, long id) {

    public PickStop {
        if (aisle < 1) throw new IllegalArgumentException("aisle is 1-based, got " + aisle);
        if (!(y >= 0) || Double.isInfinite(y)) throw new IllegalArgumentException("y must be finite and >= 0, got " + y);
    }

    /** Stop in front of a 1-based bay: the picker stands at the bay's centre y. */
    public static PickStop atBay(LayoutGeometry g, int aisle, int bay, long id) {
        return new PickStop(aisle, g.bayY(bay), id);
    }
}
