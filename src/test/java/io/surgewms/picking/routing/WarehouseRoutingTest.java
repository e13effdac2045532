package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarehouseRoutingTest {

    private final WarehouseRouting routing = new WarehouseRouting();
    private final LayoutGeometry singleBlock = new LayoutGeometry(10, 30, 0, 1.3, 3.2, 2.5, 0, 0);
    private final LayoutGeometry threeCrossAisles = new LayoutGeometry(10, 30, 3, 1.3, 3.2, 2.5, 14.4, 0);

    @Test
    void shall_be_exact_on_single_block_layouts() {
        RandomInstances r = new RandomInstances(31);
        for (int run = 0; run < 50; run++) {
            List<PickStop> stops = r.uniformStops(singleBlock, 1 + run);
            assertEquals(new OptimalSingleBlockRouting().route(singleBlock, stops), routing.route(singleBlock, stops));
        }
    }

    @Test
    void shall_route_multi_block_layouts_with_the_graph_tour() {
        List<PickStop> stops = new RandomInstances(32).uniformStops(threeCrossAisles, 20);
        assertEquals(new GraphTourRouting().route(threeCrossAisles, stops), routing.route(threeCrossAisles, stops));
    }

    @Test
    void shall_route_sixty_stops_in_a_few_milliseconds() {
        RandomInstances r = new RandomInstances(33);
        for (LayoutGeometry g : List.of(singleBlock, threeCrossAisles)) {
            for (int warmUp = 0; warmUp < 30; warmUp++) routing.route(g, r.uniformStops(g, 60));
            long start = System.nanoTime();
            for (int run = 0; run < 20; run++) routing.route(g, r.uniformStops(g, 60));
            double millis = (System.nanoTime() - start) / 20 / 1e6;
            // a few ms on an idle core; generous so a busy shared machine does not make it flaky
            assertTrue(millis < 25, g.crossAisles() + " cross aisles: " + millis + " ms per route");
        }
    }

    @Test
    void shall_recompute_the_length_when_a_stop_is_short_picked() {
        List<PickStop> stops = new RandomInstances(34).uniformStops(threeCrossAisles, 15);
        Route route = routing.route(threeCrossAisles, stops);
        int dropped = route.order().get(7);
        Route shorter = routing.without(threeCrossAisles, stops, route, dropped);
        assertEquals(14, shorter.order().size());
        assertTrue(!shorter.order().contains(dropped));
        assertEquals(routing.length(threeCrossAisles, stops, shorter.order()), shorter.length(), 1e-9);
        assertTrue(shorter.length() <= route.length() + 1e-9, "triangle inequality");
        assertThrows(IllegalArgumentException.class, () -> routing.without(threeCrossAisles, stops, shorter, dropped));
    }
}
