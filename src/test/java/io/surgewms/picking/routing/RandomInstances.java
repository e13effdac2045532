package io.surgewms.picking.routing;

import io.surgewms.layout.LayoutGeometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random layouts and pick lists for tests and the benchmark. */
public final class RandomInstances {

    private final Random random;

    public RandomInstances(long seed) { random = new Random(seed); }

    /** Small layout; the depot is at an aisle, between aisles or (rarely) beyond the outer aisles. */
    public LayoutGeometry layout(int crossAisles) {
        int aisles = 1 + random.nextInt(6), bays = Math.max(crossAisles + 1, 4 + random.nextInt(10));
        double pitch = 2.5 + random.nextInt(4) * 0.5, width = 1 + random.nextInt(3) * 0.3;
        double maxX = (aisles - 1) * pitch, depotX = switch (random.nextInt(6)) {
            case 0, 1 -> random.nextInt(aisles) * pitch;
            case 2 -> 0;
            case 3 -> random.nextBoolean() ? -1.5 : maxX + 1.5;
            default -> random.nextDouble() * maxX;
        };
        return new LayoutGeometry(aisles, bays, crossAisles, width, pitch, 2 + random.nextInt(2) * 0.5, depotX, 0);
    }

    /** n stops at bays, crowded into few aisles so duplicates and shared y values are common;
     * a few stand right on the front or back cross aisle. */
    public List<PickStop> stops(LayoutGeometry g, int n) {
        List<PickStop> stops = new ArrayList<>();
        int usedAisles = 1 + random.nextInt(g.aisles());
        int offset = random.nextInt(g.aisles() - usedAisles + 1);
        for (int i = 0; i < n; i++) {
            int aisle = offset + 1 + random.nextInt(usedAisles);
            if (random.nextInt(15) == 0) stops.add(new PickStop(aisle, random.nextBoolean() ? 0 : g.depth(), i));
            else if (i > 0 && random.nextInt(8) == 0) stops.add(new PickStop(aisle, stops.get(random.nextInt(i)).y(), i));
            else stops.add(PickStop.atBay(g, aisle, 1 + random.nextInt(g.bays()), i));
        }
        return stops;
    }

    /** Uniform stops on a layout (benchmark style). */
    public List<PickStop> uniformStops(LayoutGeometry g, int n) {
        List<PickStop> stops = new ArrayList<>();
        for (int i = 0; i < n; i++) stops.add(PickStop.atBay(g, 1 + random.nextInt(g.aisles()), 1 + random.nextInt(g.bays()), i));
        return stops;
    }

    public Random random() { return random; }
}
