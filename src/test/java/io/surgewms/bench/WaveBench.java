package io.surgewms.bench;

import io.surgewms.layout.LayoutGeometry;
import io.surgewms.picking.planning.WaveInput.Caps;
import io.surgewms.picking.planning.WaveInput.Order;
import io.surgewms.picking.planning.WaveInput.Pick;
import io.surgewms.picking.planning.WavePlan;
import io.surgewms.picking.planning.WavePlan.Kind;
import io.surgewms.picking.planning.WavePlan.Stop;
import io.surgewms.picking.planning.WavePlan.Task;
import io.surgewms.picking.planning.WavePlanner;
import io.surgewms.picking.routing.PickStop;
import io.surgewms.picking.routing.WarehouseRouting;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Waves for a viral spike (run by bench/waves.sh): 10,000 allocated orders, 80% single units of 3 viral SKUs and 20%
 * multi-line orders over a catalogue of 500 SKUs, each SKU in 1–2 pick faces of a 20 × 30 single-block layout.
 * Waves are planned one after the other, as the service does (the 2 × maxOrders most urgent waiting orders go to the
 * planner, every task is routed with {@link WarehouseRouting}), until every order is in a wave. Measures the time of
 * planning all of them and the walking per unit picked against one order per trip on the same routing.
 */
public final class WaveBench {

    static final int ORDERS = 10_000, SKUS = 500, VIRAL = 3, AISLES = 20, BAYS = 30, TIMED_RUNS = 5;
    static final double[] VIRAL_SHARE = {0.5, 0.3, 0.2};
    static final Caps CAPS = new Caps(500, 2000, 120, 10);
    static final int SENSIBLE_TRIP_UNITS = 200;
    /** The same caps with bulk tasks cut at a sensible trip. */
    static final Caps CAPPED_BULK = new Caps(500, 2000, 120, 10, SENSIBLE_TRIP_UNITS);
    static final String ZONE = "A";
    static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final Comparator<Order> URGENCY = Comparator.comparing(Order::shipBy)
            .thenComparing(Comparator.comparingInt(Order::priority).reversed()).thenComparingLong(Order::orderId);

    /** Pick faces of the layout: aisle, bay and side of a location id. */
    final LayoutGeometry g = new LayoutGeometry(AISLES, BAYS, 0, 1.3, 3.2, 2.5, (AISLES - 1) * 3.2 / 2, 0);
    final WarehouseRouting routing = new WarehouseRouting();
    final List<Order> orders = new ArrayList<>();     // by urgency, as the database hands them out

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        new WaveBench(42).run();
    }

    WaveBench(long seed) {
        Random r = new Random(seed);
        // slotting: every SKU in 1–2 distinct pick faces (a face = one side of one bay), chosen at random; the viral
        // SKUs in 2, so bulk tasks visit more than one bin
        int faces = AISLES * BAYS * 2;
        int[] shuffled = new int[faces];
        for (int i = 0; i < faces; i++) shuffled[i] = i;
        for (int i = faces - 1; i > 0; i--) { int j = r.nextInt(i + 1), t = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = t; }
        long[][] binsOf = new long[SKUS + 1][];
        int next = 0;
        for (int sku = 1; sku <= SKUS; sku++) {
            binsOf[sku] = new long[sku <= VIRAL ? 2 : 1 + r.nextInt(2)];
            for (int b = 0; b < binsOf[sku].length; b++) binsOf[sku][b] = shuffled[next++] + 1;
        }
        long allocation = 1;
        for (long id = 1; id <= ORDERS; id++) {
            Instant shipBy = START.plusSeconds(3600L * (1 + r.nextInt(10)));   // ten hourly carrier cutoffs
            int priority = r.nextInt(10) == 0 ? 1 + r.nextInt(2) : 0;
            List<Pick> picks = new ArrayList<>();
            if (r.nextInt(100) < 80) {
                double x = r.nextDouble();
                int sku = x < VIRAL_SHARE[0] ? 1 : x < VIRAL_SHARE[0] + VIRAL_SHARE[1] ? 2 : 3;
                picks.add(pick(allocation++, sku, binsOf[sku][r.nextInt(binsOf[sku].length)], 1));
            } else {
                int lines = 2 + r.nextInt(4);
                int[] skus = r.ints(VIRAL + 1, SKUS + 1).distinct().limit(lines).toArray();
                for (int sku : skus) {
                    int q = r.nextInt(100);
                    picks.add(pick(allocation++, sku, binsOf[sku][r.nextInt(binsOf[sku].length)], q < 85 ? 1 : q < 97 ? 2 : 3));
                }
            }
            orders.add(new Order(id, shipBy, priority, List.copyOf(picks)));
        }
        orders.sort(URGENCY);
    }

    private static Pick pick(long allocationId, int sku, long bin, int quantity) {
        int face = (int) bin - 1, aisle = face / (BAYS * 2) + 1, bay = face % (BAYS * 2) / 2 + 1;
        return new Pick(allocationId, sku, "SKU-" + sku, bin, ZONE, aisle, bay, quantity);
    }

    /** One pass over the whole backlog: the plans and their routed metres per task. */
    record Run(List<WavePlan> waves, List<double[]> metres, long wallNanos, long cpuNanos, long planNanos, long routeNanos) {}

    Run planAll(WavePlanner planner, Caps caps) {
        long wall0 = System.nanoTime(), cpu0 = CPU.getCurrentThreadCpuTime(), planNanos = 0, routeNanos = 0;
        boolean[] planned = new boolean[ORDERS + 1];
        int first = 0, left = orders.size();
        List<WavePlan> waves = new ArrayList<>();
        List<double[]> metres = new ArrayList<>();
        while (left > 0) {
            // the service's query: the 2 × maxOrders most urgent allocated orders not yet in a wave
            while (planned[(int) orders.get(first).orderId()]) first++;
            List<Order> waiting = new ArrayList<>(2 * caps.maxOrders());
            for (int i = first; i < orders.size() && waiting.size() < 2 * caps.maxOrders(); i++)
                if (!planned[(int) orders.get(i).orderId()]) waiting.add(orders.get(i));
            long t0 = System.nanoTime();
            WavePlan plan = planner.plan(waiting, caps);
            long t1 = System.nanoTime();
            if (plan.orderIds().isEmpty()) throw new IllegalStateException("planner made no progress with " + left + " orders left");
            double[] m = new double[plan.tasks().size()];
            for (int i = 0; i < m.length; i++) m[i] = routeLength(plan.tasks().get(i).stops());
            routeNanos += System.nanoTime() - t1;
            planNanos += t1 - t0;
            for (long id : plan.orderIds()) {
                if (planned[(int) id]) throw new IllegalStateException("order " + id + " planned twice");
                planned[(int) id] = true;
            }
            left -= plan.orderIds().size();
            waves.add(plan);
            metres.add(m);
        }
        return new Run(waves, metres, System.nanoTime() - wall0, CPU.getCurrentThreadCpuTime() - cpu0, planNanos, routeNanos);
    }

    /** Metres of the shortest tour through the stops' bins (one zone here, as the service routes zone by zone). */
    double routeLength(List<Stop> stops) {
        List<PickStop> points = new ArrayList<>(stops.size());
        for (int i = 0; i < stops.size(); i++) points.add(PickStop.atBay(g, stops.get(i).aisle(), stops.get(i).bay(), i));
        return routing.route(g, points).length();
    }

    double orderAlone(Order o) {
        List<PickStop> points = new ArrayList<>(o.picks().size());
        for (int i = 0; i < o.picks().size(); i++) points.add(PickStop.atBay(g, o.picks().get(i).aisle(), o.picks().get(i).bay(), i));
        return routing.route(g, points).length();
    }

    /** Cart stops of the given orders, first come first served: no shared-aisle grouping. */
    double fcfsCarts(List<Order> cartOrders) {
        double m = 0;
        for (int from = 0; from < cartOrders.size(); from += CAPS.cartTotes()) {
            List<PickStop> points = new ArrayList<>();
            for (Order o : cartOrders.subList(from, Math.min(cartOrders.size(), from + CAPS.cartTotes())))
                for (Pick p : o.picks()) points.add(PickStop.atBay(g, p.aisle(), p.bay(), points.size()));
            m += routing.route(g, points).length();
        }
        return m;
    }

    void run() {
        WavePlanner planner = new WavePlanner();
        System.out.printf("Wave benchmark: %,d orders (80%% singles of %d viral SKUs %.0f/%.0f/%.0f%%, 20%% multi-line of 2-5 lines"
                        + " over %d SKUs), layout %d aisles x %d bays, single block, depot front centre%n", ORDERS, VIRAL,
                VIRAL_SHARE[0] * 100, VIRAL_SHARE[1] * 100, VIRAL_SHARE[2] * 100, SKUS, AISLES, BAYS);
        System.out.printf("caps: %d orders / %d units / %d totes per wave, carts of %d totes; each wave routed task by task%n",
                CAPS.maxOrders(), CAPS.maxUnits(), CAPS.maxTotes(), CAPS.cartTotes());
        planAll(planner, CAPS);   // warm-up
        planAll(planner, CAPPED_BULK);
        long[] wall = new long[TIMED_RUNS], cpu = new long[TIMED_RUNS], plan = new long[TIMED_RUNS], route = new long[TIMED_RUNS];
        Run run = null;
        for (int i = 0; i < TIMED_RUNS; i++) {
            run = planAll(planner, CAPS);
            wall[i] = run.wallNanos();
            cpu[i] = run.cpuNanos();
            plan[i] = run.planNanos();
            route[i] = run.routeNanos();
        }
        double ratio = report(run, wall, cpu, plan, route);
        double planSeconds = wall[TIMED_RUNS / 2] / 1e9;   // report sorted the times: the median wall clock

        System.out.println();
        System.out.printf("---- the same with bulk tasks cut at %d units (Caps.maxUnitsPerBulkTask) ----%n", SENSIBLE_TRIP_UNITS);
        Run cut = null;
        for (int i = 0; i < TIMED_RUNS; i++) {
            cut = planAll(planner, CAPPED_BULK);
            wall[i] = cut.wallNanos();
            cpu[i] = cut.cpuNanos();
            plan[i] = cut.planNanos();
            route[i] = cut.routeNanos();
        }
        report(cut, wall, cpu, plan, route);

        System.out.println();
        System.out.printf("RESULT wave_plan_s=%.3f travel_per_unit_ratio=%.4f%n", planSeconds, ratio);
    }

    /** Prints the tables of a configuration (sorting the time arrays) and answers its travel ratio. */
    private double report(Run run, long[] wall, long[] cpu, long[] plan, long[] route) {
        Map<Long, Order> byId = new HashMap<>();
        for (Order o : orders) byId.put(o.orderId(), o);
        double bulkMetres = 0, cartMetres = 0, fcfsMetres = 0, singlesAlone = 0, multisAlone = 0, maxRoute = 0;
        int bulkUnits = 0, cartUnits = 0, bulkTasks = 0, cartTasks = 0, oversized = 0, maxBulkUnits = 0, maxBulkStops = 0,
                maxCartUnits = 0, maxCartStops = 0, maxWaveTasks = 0;
        List<Integer> bulkSizes = new ArrayList<>();
        int sumOrders = 0, sumUnits = 0, sumTotes = 0, maxUnits = 0, maxTotes = 0;
        for (int w = 0; w < run.waves().size(); w++) {
            WavePlan p = run.waves().get(w);
            maxWaveTasks = Math.max(maxWaveTasks, p.tasks().size());
            List<Order> cartOrders = new ArrayList<>();
            for (int i = 0; i < p.tasks().size(); i++) {
                Task t = p.tasks().get(i);
                double m = run.metres().get(w)[i];
                maxRoute = Math.max(maxRoute, m);
                if (t.kind() == Kind.BULK) {
                    bulkTasks++;
                    bulkUnits += t.units();
                    bulkMetres += m;
                    bulkSizes.add(t.units());
                    maxBulkUnits = Math.max(maxBulkUnits, t.units());
                    maxBulkStops = Math.max(maxBulkStops, t.stops().size());
                    if (t.units() > SENSIBLE_TRIP_UNITS) oversized++;
                    for (long id : t.orderIds()) singlesAlone += orderAlone(byId.get(id));
                } else {
                    cartTasks++;
                    cartUnits += t.units();
                    cartMetres += m;
                    maxCartUnits = Math.max(maxCartUnits, t.units());
                    maxCartStops = Math.max(maxCartStops, t.stops().size());
                    for (long id : t.orderIds()) {
                        cartOrders.add(byId.get(id));
                        multisAlone += orderAlone(byId.get(id));
                    }
                }
            }
            cartOrders.sort(URGENCY);
            fcfsMetres += fcfsCarts(cartOrders);
            sumOrders += p.orderIds().size();
            sumUnits += p.units();
            sumTotes += p.totes();
            maxUnits = Math.max(maxUnits, p.units());
            maxTotes = Math.max(maxTotes, p.totes());
        }
        int units = bulkUnits + cartUnits;
        double batched = bulkMetres + cartMetres, alone = singlesAlone + multisAlone;
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Arrays.sort(plan);
        Arrays.sort(route);
        Integer[] sizes = bulkSizes.toArray(Integer[]::new);
        Arrays.sort(sizes);

        System.out.println();
        int n = run.waves().size();
        System.out.printf("waves: %d; per wave %.0f orders, %.0f units (max %d), %.0f totes (max %d); tasks: %d bulk, %d cart"
                + " (at most %d per wave)%n", n, (double) sumOrders / n, (double) sumUnits / n, maxUnits, (double) sumTotes / n,
                maxTotes, bulkTasks, cartTasks, maxWaveTasks);
        System.out.println();
        System.out.printf("time to plan and route all %,d orders, %d runs after warm-up (seconds)%n", ORDERS, TIMED_RUNS);
        System.out.printf("%-26s %9s %9s %9s%n", "", "min", "median", "max");
        timeRow("wall clock", wall);
        timeRow("thread CPU", cpu);
        timeRow("  of which planner (wall)", plan);
        timeRow("  of which routing (wall)", route);
        System.out.println();
        System.out.println("walking (metres, exact single-block routes from and back to the depot)");
        System.out.printf("%-22s %8s %12s %10s %14s %10s %8s%n", "", "units", "batched m", "m/unit", "one-per-trip m", "m/unit", "ratio");
        walkRow("singles -> bulk tasks", bulkUnits, bulkMetres, singlesAlone);
        walkRow("multis -> carts", cartUnits, cartMetres, multisAlone);
        walkRow("all", units, batched, alone);
        System.out.printf("carts: seed heuristic %.0f m vs first-come-first-served carts of the same waves %.0f m (ratio %.3f)%n",
                cartMetres, fcfsMetres, cartMetres / fcfsMetres);
        System.out.println();
        System.out.println("largest tasks");
        System.out.printf("  bulk: max %d units, max %d stops; units per bulk task median %d, p90 %d; %d of %d bulk tasks over %d units%n",
                maxBulkUnits, maxBulkStops, sizes[sizes.length / 2], sizes[(int) (sizes.length * 0.9)], oversized, bulkTasks,
                SENSIBLE_TRIP_UNITS);
        System.out.printf("  cart: max %d units, max %d stops; longest route of any task %.0f m%n", maxCartUnits, maxCartStops, maxRoute);
        return batched / alone;
    }

    private static void timeRow(String name, long[] sorted) {
        System.out.printf("%-26s %9.3f %9.3f %9.3f%n", name, sorted[0] / 1e9, sorted[sorted.length / 2] / 1e9, sorted[sorted.length - 1] / 1e9);
    }

    private static void walkRow(String name, int units, double batched, double alone) {
        System.out.printf("%-22s %8d %12.0f %10.2f %14.0f %10.2f %8.4f%n", name, units, batched, batched / units, alone, alone / units,
                batched / alone);
    }
}
