package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimalSingleBlockRoutingTest {

    private final OptimalSingleBlockRouting dp = new OptimalSingleBlockRouting();
    /** 4 aisles 3 m apart, 10 bays of 1 m, cross aisles 2 m wide: depth 12, bay b at y = b + 0.5. */
    private final LayoutGeometry g = new LayoutGeometry(4, 10, 0, 1, 3, 2, 0, 0);

    @Test
    void shall_match_brute_force_on_small_single_block_instances() {
        RandomInstances r = new RandomInstances(7);
        for (int run = 0; run < 400; run++) {
            LayoutGeometry layout = r.layout(0);
            List<PickStop> stops = r.stops(layout, 1 + run % 8);
            Route route = dp.route(layout, stops);
            double optimum = BruteForce.byPermutations(ExplicitGraph.distances(layout, stops));
            assertEquals(optimum, route.length(), 1e-9, () -> layout + " " + stops);
            assertOrderCoversAll(route, stops.size());
            assertEquals(route.length(), WarehouseDistances.length(layout, stops, route.order()), 1e-9);
        }
    }

    @Test
    void shall_reconstruct_an_order_as_long_as_the_optimum_on_large_pick_lists() {
        RandomInstances r = new RandomInstances(8);
        LayoutGeometry big = new LayoutGeometry(10, 30, 0, 1.3, 3.2, 2.5, 0, 0);
        for (int run = 0; run < 100; run++) {
            List<PickStop> stops = r.uniformStops(big, 10 + run % 51);
            Route route = dp.route(big, stops);
            assertOrderCoversAll(route, stops.size());
            assertEquals(route.length(), WarehouseDistances.length(big, stops, route.order()), 1e-6);
        }
    }

    @Test
    void shall_give_an_empty_route_without_stops() {
        assertEquals(Route.EMPTY, dp.route(g, List.of()));
    }

    @Test
    void shall_walk_to_a_single_stop_and_back() {
        Route route = dp.route(g, List.of(PickStop.atBay(g, 3, 4, 99)));
        assertEquals(List.of(0), route.order());
        assertEquals(2 * (6 + 4.5), route.length(), 1e-9);
    }

    @Test
    void shall_go_up_and_back_when_all_stops_are_in_one_aisle() {
        List<PickStop> stops = List.of(PickStop.atBay(g, 2, 7, 0), PickStop.atBay(g, 2, 2, 1), PickStop.atBay(g, 2, 9, 2));
        Route route = dp.route(g, stops);
        assertEquals(List.of(1, 0, 2), route.order());
        assertEquals(2 * 3 + 2 * 9.5, route.length(), 1e-9);
    }

    @Test
    void shall_route_from_a_depot_between_aisles_and_charge_its_spur() {
        LayoutGeometry between = new LayoutGeometry(4, 10, 0, 1, 3, 2, 4.5, -1);
        Route route = dp.route(between, List.of(PickStop.atBay(g, 1, 1, 0)));
        assertEquals(2 * (1 + 4.5 + 1.5), route.length(), 1e-9);
    }

    @Test
    void shall_cost_nothing_when_every_stop_is_at_the_depot() {
        Route route = dp.route(g, List.of(new PickStop(1, 0, 5), new PickStop(1, 0, 6)));
        assertEquals(List.of(0, 1), route.order());
        assertEquals(0, route.length(), 1e-9);
    }

    @Test
    void shall_refuse_multi_block_layouts() {
        LayoutGeometry blocks = new LayoutGeometry(4, 10, 1, 1, 3, 2, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> dp.route(blocks, List.of(PickStop.atBay(blocks, 1, 1, 0))));
    }

    static void assertOrderCoversAll(Route route, int n) {
        List<Integer> sorted = new ArrayList<>(route.order());
        sorted.sort(null);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(i);
        assertEquals(all, sorted);
    }
}
