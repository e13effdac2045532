package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassicRoutingTest {

    private final SShapeRouting sShape = new SShapeRouting();
    private final LargestGapRouting largestGap = new LargestGapRouting();
    private final OptimalSingleBlockRouting optimal = new OptimalSingleBlockRouting();
    /** 4 aisles 3 m apart (x = 0, 3, 6, 9), depth 12, bay 1 at y = 1.5, bay 10 at y = 10.5, depot at aisle 1. */
    private final LayoutGeometry g = new LayoutGeometry(4, 10, 0, 1, 3, 2, 0, 0);

    @Test
    void shall_traverse_both_aisles_even_for_stops_near_the_front() {
        List<PickStop> stops = List.of(PickStop.atBay(g, 1, 1, 0), PickStop.atBay(g, 2, 1, 1));
        // S-shape and largest gap: 2 full aisles (24) + front and back cross aisle between them (6); optimal: 4 × 3
        assertEquals(30, sShape.route(g, stops).length(), 1e-9);
        assertEquals(30, largestGap.route(g, stops).length(), 1e-9);
        assertEquals(12, optimal.route(g, stops).length(), 1e-9);
    }

    @Test
    void shall_skip_the_largest_gaps_of_inner_aisles() {
        List<PickStop> stops = List.of(PickStop.atBay(g, 1, 10, 0), PickStop.atBay(g, 2, 1, 1),
                PickStop.atBay(g, 3, 1, 2), PickStop.atBay(g, 4, 10, 3));
        // S-shape: 4 traversals (48) + 2 × 9 across = 66; largest gap: 2 traversals + 2 × 3 returns + 18 = 48
        assertEquals(66, sShape.route(g, stops).length(), 1e-9);
        assertEquals(48, largestGap.route(g, stops).length(), 1e-9);
        assertEquals(List.of(0, 3, 2, 1), largestGap.route(g, stops).order());
        assertEquals(48, optimal.route(g, stops).length(), 1e-9);
    }

    @Test
    void shall_return_in_the_last_aisle_when_the_number_of_pick_aisles_is_odd() {
        List<PickStop> stops = List.of(PickStop.atBay(g, 1, 1, 0), PickStop.atBay(g, 2, 1, 1),
                PickStop.atBay(g, 2, 10, 2), PickStop.atBay(g, 3, 3, 3));
        // S-shape: aisles 1, 2 traversed (24), aisle 3 up to 3.5 and back (7), 2 × 6 across = 43
        // largest gap: aisles 1, 3 traversed (24), aisle 2 skips its 9 m gap: 2 × (1.5 + 1.5) = 6, 12 across = 42
        assertEquals(43, sShape.route(g, stops).length(), 1e-9);
        assertEquals(List.of(0, 2, 1, 3), sShape.route(g, stops).order());   // aisle 2 walked downwards
        assertEquals(42, largestGap.route(g, stops).length(), 1e-9);
    }

    @Test
    void shall_never_beat_the_optimum_and_follow_a_walk_at_least_as_long_as_its_order() {
        RandomInstances r = new RandomInstances(11);
        for (int run = 0; run < 300; run++) {
            LayoutGeometry layout = r.layout(0);
            List<PickStop> stops = r.stops(layout, 1 + run % 12);
            double best = optimal.route(layout, stops).length();
            for (RoutingPolicy policy : List.of(sShape, largestGap)) {
                Route route = policy.route(layout, stops);
                OptimalSingleBlockRoutingTest.assertOrderCoversAll(route, stops.size());
                assertTrue(route.length() >= best - 1e-9, policy + " beat the optimum");
                assertTrue(route.length() >= WarehouseDistances.length(layout, stops, route.order()) - 1e-9);
            }
        }
    }

    @Test
    void shall_give_walkable_routes_on_multi_block_layouts_by_ignoring_inner_cross_aisles() {
        RandomInstances r = new RandomInstances(12);
        for (int run = 0; run < 100; run++) {
            LayoutGeometry layout = r.layout(1 + run % 3);
            List<PickStop> stops = r.stops(layout, 1 + run % 7);
            double best = BruteForce.byPermutations(ExplicitGraph.distances(layout, stops));
            for (RoutingPolicy policy : List.of(sShape, largestGap)) {
                Route route = policy.route(layout, stops);
                assertTrue(route.length() >= best - 1e-9, policy + " beat the optimum");
                assertTrue(route.length() >= WarehouseDistances.length(layout, stops, route.order()) - 1e-9);
            }
        }
    }

    @Test
    void shall_give_an_empty_route_without_stops() {
        assertEquals(Route.EMPTY, sShape.route(g, List.of()));
        assertEquals(Route.EMPTY, largestGap.route(g, List.of()));
    }
}
