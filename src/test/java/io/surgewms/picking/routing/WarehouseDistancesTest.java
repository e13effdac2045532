package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WarehouseDistancesTest {

    private static final LayoutGeometry THREE_BLOCKS = new LayoutGeometry(4, 12, 2, 1, 3, 2, 0, 0);

    @Test
    void shall_match_dijkstra_on_the_explicit_aisle_graph() {
        RandomInstances r = new RandomInstances(1);
        for (int run = 0; run < 200; run++) {
            LayoutGeometry g0 = r.layout(run % 3);
            LayoutGeometry g = run % 5 == 0 ? new LayoutGeometry(g0.aisles(), g0.bays(), g0.crossAisles(), g0.bayWidth(),
                    g0.aislePitch(), g0.crossAisleWidth(), g0.depotX(), -1.25) : g0;
            List<PickStop> stops = r.stops(g, 6);
            double[][] expected = ExplicitGraph.distances(g, stops);
            WarehouseDistances w = new WarehouseDistances(g);
            for (int i = 0; i < stops.size(); i++) {
                assertEquals(expected[0][i + 1], w.fromDepot(stops.get(i)), 1e-9);
                for (int j = 0; j < stops.size(); j++)
                    assertEquals(expected[i + 1][j + 1], w.between(stops.get(i), stops.get(j)), 1e-9);
            }
        }
    }

    @Test
    void shall_leave_an_aisle_by_the_nearest_cross_aisle() {
        WarehouseDistances w = new WarehouseDistances(THREE_BLOCKS);
        // 12 bays in 3 blocks of 4: cross aisles at y = 0, 6, 12, 18; bay 5 is at y = 7.5, nearest cross aisle y = 6
        assertEquals(3 + 1.5 + 1.5, w.between(1, THREE_BLOCKS.bayY(5), 2, THREE_BLOCKS.bayY(5)), 1e-9);
        assertEquals(6, w.between(1, 2, 1, 8), 1e-9);
        assertEquals(6 + 2, w.fromDepot(3, 2), 1e-9);
    }

    @Test
    void shall_measure_a_visiting_order_and_skip_left_out_stops() {
        LayoutGeometry g = new LayoutGeometry(3, 10, 0, 1, 3, 2, 0, 0);
        List<PickStop> stops = List.of(new PickStop(1, 2, 10), new PickStop(3, 2, 11), new PickStop(2, 11, 12));
        assertEquals(0, WarehouseDistances.length(g, stops, List.of()), 1e-9);
        assertEquals(4, WarehouseDistances.length(g, stops, List.of(0)), 1e-9);
        // depot → (1,2) → (3,2) → (2,11) → depot = 2 + (2 + 6 + 2) + (11 + 3) + (3 + 11); back cross aisle at 12
        assertEquals(40, WarehouseDistances.length(g, stops, List.of(0, 1, 2)), 1e-9);
        assertEquals(8 + 10 + 2, WarehouseDistances.length(g, stops, List.of(1, 0)), 1e-9);
    }

    @Test
    void shall_reject_bad_orders_and_stops_outside_the_layout() {
        LayoutGeometry g = new LayoutGeometry(3, 10, 0, 1, 3, 2, 0, 0);
        List<PickStop> stops = List.of(new PickStop(1, 2, 10));
        assertThrows(IllegalArgumentException.class, () -> WarehouseDistances.length(g, stops, List.of(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> WarehouseDistances.length(g, stops, List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> WarehouseDistances.length(g, List.of(new PickStop(4, 1, 0)), List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> WarehouseDistances.length(g, List.of(new PickStop(1, 12.5, 0)), List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new PickStop(0, 1, 0));
    }
}
