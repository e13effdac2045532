package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphTourRoutingTest {

    @Test
    void shall_equal_brute_force_on_small_multi_block_instances_when_exact() {
        RandomInstances r = new RandomInstances(21);
        GraphTourRouting routing = new GraphTourRouting();
        for (int run = 0; run < 300; run++) {
            LayoutGeometry g = r.layout(1 + run % 3);
            List<PickStop> stops = r.stops(g, 1 + run % 8);
            Route route = routing.route(g, stops);
            assertEquals(BruteForce.byPermutations(ExplicitGraph.distances(g, stops)), route.length(), 1e-9);
            OptimalSingleBlockRoutingTest.assertOrderCoversAll(route, stops.size());
        }
    }

    @Test
    void shall_match_brute_force_most_of_the_time_with_local_search_alone() {
        RandomInstances r = new RandomInstances(22);
        GraphTourRouting localSearch = new GraphTourRouting(0, GraphTourRouting.DEFAULT_KICKS);
        int runs = 300, optimal = 0;
        for (int run = 0; run < runs; run++) {
            LayoutGeometry g = r.layout(1 + run % 3);
            List<PickStop> stops = r.stops(g, 3 + run % 6);
            double best = BruteForce.byPermutations(ExplicitGraph.distances(g, stops));
            Route route = localSearch.route(g, stops);
            assertTrue(route.length() >= best - 1e-9, "beat the brute-force optimum");
            assertEquals(route.length(), WarehouseDistances.length(g, stops, route.order()), 1e-9);
            if (route.length() <= best + 1e-9) optimal++;
        }
        assertTrue(optimal >= runs * 0.9, optimal + " of " + runs + " optimal");
    }

    @Test
    void shall_stay_within_two_percent_of_the_exact_dp_on_sixty_stops() {
        RandomInstances r = new RandomInstances(23);
        LayoutGeometry g = new LayoutGeometry(10, 30, 0, 1.3, 3.2, 2.5, 0, 0);
        double ratio = 0;
        for (int run = 0; run < 20; run++) {
            List<PickStop> stops = r.uniformStops(g, 60);
            ratio += new GraphTourRouting().route(g, stops).length() / new OptimalSingleBlockRouting().route(g, stops).length();
        }
        assertTrue(ratio / 20 < 1.02, "mean ratio " + ratio / 20);
    }

    @Test
    void shall_give_an_empty_route_without_stops() {
        assertEquals(Route.EMPTY, new GraphTourRouting().route(new LayoutGeometry(3, 9, 2, 1, 3, 2, 0, 0), List.of()));
    }
}
