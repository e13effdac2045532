package io.surgewms.picking.planning;

import io.surgewms.picking.planning.WaveInput.Caps;
import io.surgewms.picking.planning.WaveInput.Order;
import io.surgewms.picking.planning.WaveInput.Pick;
import io.surgewms.picking.planning.WavePlan.Kind;
import io.surgewms.picking.planning.WavePlan.Stop;
import io.surgewms.picking.planning.WavePlan.Task;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a supervisor checks on a planned wave: who got in, what the pickers are asked to walk, and that nothing is lost. */
class WavePlannerTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private static final Caps ROOMY = new Caps(1000, 100_000, 1000, 10);

    private final WavePlanner planner = new WavePlanner();
    private long nextAllocation = 1;

    // ---- urgency and caps -------------------------------------------------------------------------------------

    @Test
    void shall_take_orders_by_ship_by_then_by_higher_priority() {
        Order late = multi(1, hours(3), 0, 5, 6);
        Order soonLow = multi(2, hours(1), 0, 5, 6);
        Order soonHigh = multi(3, hours(1), 7, 5, 6);
        Order middle = multi(4, hours(2), 9, 5, 6);
        WavePlan plan = planner.plan(List.of(late, soonLow, soonHigh, middle), new Caps(3, 100, 100, 1));
        assertEquals(List.of(3L, 2L, 4L), plan.orderIds(), "ship-by first, priority (higher first) breaks ties; the latest waits");
        assertEquals(List.of(List.of(3L), List.of(2L), List.of(4L)), plan.tasks().stream().map(Task::orderIds).toList());
    }

    @Test
    void shall_break_full_ties_by_order_id_so_a_plan_is_reproducible() {
        List<Order> tied = List.of(multi(9, hours(1), 2, 1, 2), multi(4, hours(1), 2, 1, 2), multi(6, hours(1), 2, 1, 2));
        assertEquals(List.of(4L, 6L), planner.plan(tied, new Caps(2, 100, 100, 1)).orderIds());
    }

    @Test
    void shall_stop_at_the_order_cap() {
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 12; i++) orders.add(single(i, hours(i), 7, 100, 1, 1));
        WavePlan plan = planner.plan(orders, new Caps(5, 100, 100, 10));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), plan.orderIds());
        assertEquals(5, plan.units());
    }

    @Test
    void shall_skip_an_order_over_the_unit_cap_and_still_take_a_smaller_one() {
        Order three = multiOf(1, hours(1), 3);
        Order four = multiOf(2, hours(2), 4);     // 3 + 4 > 5: skipped
        Order two = multiOf(3, hours(3), 2);      // 3 + 2 = 5: fits
        Order more = multiOf(4, hours(4), 2);     // 5 + 2 > 5
        WavePlan plan = planner.plan(List.of(three, four, two, more), new Caps(10, 5, 10, 10));
        assertEquals(List.of(1L, 3L), plan.orderIds());
        assertEquals(5, plan.units());
        assertEquals(5, plan.tasks().stream().mapToInt(Task::units).sum());
    }

    @Test
    void shall_count_one_tote_per_cart_order_and_one_per_bulk_sku_against_the_tote_cap() {
        Order singleA = single(1, hours(1), 7, 100, 1, 1);    // opens the bulk tote of SKU 7
        Order cart1 = multi(2, hours(2), 0, 3, 4);           // second tote
        Order cart2 = multi(3, hours(3), 0, 3, 4);           // a third tote: over the cap, skipped
        Order singleA2 = single(4, hours(4), 7, 100, 1, 1);   // joins SKU 7's bulk tote: no new tote
        Order singleB = single(5, hours(5), 8, 200, 2, 2);    // would open a third tote: skipped
        WavePlan plan = planner.plan(List.of(singleA, cart1, cart2, singleA2, singleB), new Caps(10, 100, 2, 10));
        assertEquals(Set.of(1L, 2L, 4L), new HashSet<>(plan.orderIds()));
        assertEquals(2, plan.totes());
        assertEquals(2, plan.tasks().stream().mapToInt(Task::totes).sum());
    }

    @Test
    void shall_plan_nothing_from_nothing() {
        WavePlan plan = planner.plan(List.of(), ROOMY);
        assertEquals(List.of(), plan.orderIds());
        assertEquals(List.of(), plan.tasks());
        assertEquals(0, plan.units());
        assertEquals(0, plan.totes());
    }

    @Test
    void shall_refuse_caps_that_are_not_positive() {
        assertThrows(IllegalArgumentException.class, () -> new Caps(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Caps(1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Caps(1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Caps(1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Caps(1, 1, 1, 1, 0));
    }

    // ---- singles: bulk tasks ----------------------------------------------------------------------------------

    @Test
    void shall_put_every_single_of_a_sku_into_one_bulk_task() {
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 3; i++) orders.add(single(i, hours(i), 7, 100, 1, 4));   // SKU 7, bin 100
        for (int i = 4; i <= 5; i++) orders.add(single(i, hours(i), 7, 101, 6, 20));  // SKU 7, bin 101
        orders.add(single(6, hours(6), 8, 300, 3, 3));                                 // SKU 8
        WavePlan plan = planner.plan(orders, ROOMY);

        List<Task> bulk = plan.tasks().stream().filter(t -> t.kind() == Kind.BULK).toList();
        assertEquals(2, bulk.size(), "one bulk task per SKU");
        assertEquals(plan.tasks().size(), bulk.size(), "no singles on a cart");
        Task sku7 = bulk.stream().filter(t -> t.stops().get(0).productId() == 7).findFirst().orElseThrow();
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), new HashSet<>(sku7.orderIds()));
        assertEquals(1, sku7.totes());
        assertEquals(2, sku7.stops().size(), "one stop per bin");
        Map<Long, Stop> byBin = new HashMap<>();
        for (Stop s : sku7.stops()) byBin.put(s.locationId(), s);
        assertEquals(3, byBin.get(100L).quantity(), "the units of every order reserved at the bin, summed");
        assertEquals(2, byBin.get(101L).quantity());
        assertEquals(5, sku7.units());
        Set<Long> expected = new HashSet<>();
        for (Order o : orders.subList(0, 5)) expected.add(o.picks().get(0).allocationId());
        Set<Long> listed = new HashSet<>();
        for (Stop s : sku7.stops()) {
            listed.addAll(s.allocationIds());
            assertEquals(0, s.toteSlot(), "a bulk task has one tote");
            assertNull(s.orderId(), "a bulk stop serves many orders");
            assertEquals("SKU-7", s.sku());
        }
        assertEquals(expected, listed, "every reservation listed at its stop");
        assertEquals(5, sku7.stops().stream().mapToInt(s -> s.allocationIds().size()).sum(), "and only once");
        assertEquals(2, plan.totes());
    }

    @Test
    void shall_split_a_skus_singles_over_bulk_tasks_of_at_most_the_bulk_cap_bin_by_bin() {
        List<Order> orders = new ArrayList<>();
        Set<Integer> atBin100 = Set.of(1, 3, 5, 7, 10, 11, 12);   // the other 5 are reserved at bin 101
        for (int i = 1; i <= 12; i++)
            orders.add(atBin100.contains(i) ? single(i, hours(i), 7, 100, 1, 4) : single(i, hours(i), 7, 101, 6, 20));
        WavePlan plan = planner.plan(orders, new Caps(100, 1000, 100, 10, 5));

        assertEquals(3, plan.tasks().size(), "12 units in tasks of at most 5");
        assertEquals(3, plan.totes(), "a tote per bulk task");
        List<Integer> units = plan.tasks().stream().map(Task::units).toList();
        assertEquals(List.of(5, 5, 2), units);
        assertEquals(1, plan.tasks().get(0).stops().size(), "the first task takes from one bin only");
        assertEquals(100L, plan.tasks().get(0).stops().get(0).locationId());
        assertEquals(2, plan.tasks().get(1).stops().size(), "the rest of bin 100 and the start of bin 101");
        assertEquals(101L, plan.tasks().get(2).stops().get(0).locationId());
        for (Task t : plan.tasks()) {
            assertEquals(Kind.BULK, t.kind());
            assertEquals(1, t.totes());
        }
        assertPlanHonest(orders, plan);
    }

    @Test
    void shall_count_a_tote_for_every_split_bulk_task_against_the_tote_cap() {
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 5; i++) orders.add(single(i, hours(i), 7, 100, 1, 4));
        orders.add(multi(6, hours(6), 0, 3, 4));
        WavePlan plan = planner.plan(orders, new Caps(100, 1000, 2, 10, 2));
        assertEquals(List.of(1L, 2L, 3L, 4L), plan.orderIds(), "the fifth single and the cart order would need a third tote");
        assertEquals(2, plan.totes());
        assertPlanHonest(orders, plan);
    }

    @Test
    void shall_keep_all_singles_of_a_sku_in_one_bulk_task_unless_a_bulk_cap_is_given() {
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 500; i++) orders.add(single(i, hours(1), 7, 100 + i % 3, 1, 1 + i % 3));
        Caps noBulkCap = new Caps(1000, 1000, 10, 10);
        assertEquals(Integer.MAX_VALUE, noBulkCap.maxUnitsPerBulkTask());
        WavePlan plan = planner.plan(orders, noBulkCap);
        assertEquals(1, plan.tasks().size());
        assertEquals(500, plan.tasks().get(0).units());
        assertEquals(3, plan.tasks().get(0).stops().size());
    }

    @Test
    void shall_treat_two_units_of_one_sku_as_a_cart_order_not_a_single() {
        Order twoOfOne = order(1, hours(1), 0, pick(7, 100, 1, 1, 2));
        WavePlan plan = planner.plan(List.of(twoOfOne, single(2, hours(2), 7, 100, 1, 1)), ROOMY);
        Task cart = plan.tasks().stream().filter(t -> t.kind() == Kind.CLUSTER).findFirst().orElseThrow();
        assertEquals(List.of(1L), cart.orderIds());
        assertEquals(2, cart.units());
        Task bulk = plan.tasks().stream().filter(t -> t.kind() == Kind.BULK).findFirst().orElseThrow();
        assertEquals(List.of(2L), bulk.orderIds());
    }

    // ---- multi-unit orders: carts -----------------------------------------------------------------------------

    @Test
    void shall_put_multi_unit_orders_on_carts_of_at_most_cart_totes_orders_one_tote_per_order() {
        Random r = new Random(11);
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 23; i++) orders.add(randomMulti(r, i));
        WavePlan plan = planner.plan(orders, new Caps(100, 10_000, 100, 5));

        assertEquals(5, plan.tasks().size(), "23 orders on carts of 5: 5 carts");
        for (Task t : plan.tasks()) {
            assertEquals(Kind.CLUSTER, t.kind());
            assertTrue(t.orderIds().size() <= 5);
            assertEquals(t.orderIds().size(), t.totes(), "one tote per order");
            Map<Long, Integer> slotOf = new HashMap<>();
            for (Stop s : t.stops()) {
                assertTrue(t.orderIds().contains(s.orderId()), "a stop serves an order of its cart");
                Integer before = slotOf.putIfAbsent(s.orderId(), s.toteSlot());
                assertTrue(before == null || before == s.toteSlot(), "an order's units go into one tote");
                assertTrue(s.toteSlot() >= 0 && s.toteSlot() < t.totes());
            }
            assertEquals(t.orderIds().size(), new HashSet<>(slotOf.values()).size(), "no two orders share a tote");
        }
        assertEquals(23, plan.totes());
        assertPlanHonest(orders, plan);
    }

    @Test
    void shall_merge_an_orders_reservations_of_one_sku_at_one_bin_into_one_stop() {
        Order o = order(1, hours(1), 0, pick(7, 100, 1, 1, 1), pick(7, 100, 1, 1, 2), pick(8, 200, 5, 5, 1));
        WavePlan plan = planner.plan(List.of(o), ROOMY);
        List<Stop> stops = plan.tasks().get(0).stops();
        assertEquals(2, stops.size());
        Stop merged = stops.stream().filter(s -> s.productId() == 7).findFirst().orElseThrow();
        assertEquals(3, merged.quantity());
        assertEquals(List.of(o.picks().get(0).allocationId(), o.picks().get(1).allocationId()), merged.allocationIds());
    }

    @Test
    void shall_keep_every_order_and_reservation_exactly_once_on_a_mixed_spike() {
        Random r = new Random(5);
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            Instant shipBy = NOON.plusSeconds(3600L * r.nextInt(6));
            if (r.nextInt(10) < 8) {
                int sku = 1 + r.nextInt(3);
                orders.add(order(i, shipBy, r.nextInt(3), pick(sku, sku * 10 + r.nextInt(2), sku, 5, 1)));
            } else {
                orders.add(randomMulti(r, i));
            }
        }
        Caps caps = new Caps(250, 400, 30, 8);
        WavePlan plan = planner.plan(orders, caps);
        assertTrue(plan.orderIds().size() <= 250);
        assertTrue(plan.units() <= 400);
        assertTrue(plan.totes() <= 30);
        assertTrue(plan.orderIds().size() > 100, "the caps let a good part of the spike in");
        assertPlanHonest(orders, plan);
    }

    @Test
    void shall_not_mix_two_families_of_orders_that_live_in_far_apart_aisles() {
        // Two families interleaved by urgency: A picks in aisles 1 and 2, B in aisles 9 and 10.
        Random r = new Random(3);
        List<Order> orders = new ArrayList<>();
        Set<Long> familyA = new HashSet<>();
        for (int i = 1; i <= 40; i++) {
            boolean a = i % 2 == 1;
            int left = a ? 1 : 9;
            Order o = order(i, hours(i), 0, pick(1000 + r.nextInt(50), 5000 + i * 10, left, 1 + r.nextInt(30), 1),
                    pick(2000 + r.nextInt(50), 5001 + i * 10, left + 1, 1 + r.nextInt(30), 1));
            orders.add(o);
            if (a) familyA.add(o.orderId());
        }
        int cart = 5;
        WavePlan plan = planner.plan(orders, new Caps(100, 1000, 100, cart));
        assertEquals(8, plan.tasks().size());
        int plannedAisles = 0;
        for (Task t : plan.tasks()) {
            long fromA = t.orderIds().stream().filter(familyA::contains).count();
            assertTrue(fromA == 0 || fromA == t.orderIds().size(), "cart " + t.orderIds() + " mixes the families");
            plannedAisles += aisles(t.stops().stream().map(Stop::aisle).toList());
        }
        // First come, first served (carts of 5 in urgency order) mixes both families on every cart.
        int fcfsAisles = 0;
        for (int from = 0; from < orders.size(); from += cart) {
            List<Integer> a = new ArrayList<>();
            for (Order o : orders.subList(from, from + cart)) for (Pick p : o.picks()) a.add(p.aisle());
            fcfsAisles += aisles(a);
        }
        assertEquals(16, plannedAisles, "two aisles per cart");
        assertEquals(32, fcfsAisles, "four aisles per cart, at both ends of the floor");
        assertPlanHonest(orders, plan);
    }

    @Test
    void shall_seed_each_cart_with_the_most_urgent_order_left() {
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            int aisle = i % 3 == 0 ? 15 : 2;
            orders.add(order(i, hours(i), 0, pick(10 + i, 100 + i, aisle, 3, 1), pick(50 + i, 200 + i, aisle, 9, 1)));
        }
        WavePlan plan = planner.plan(orders, new Caps(100, 1000, 100, 4));
        assertEquals(1L, plan.tasks().get(0).orderIds().get(0));
        for (Task t : plan.tasks()) {
            long seed = t.orderIds().get(0);
            for (Task earlier : plan.tasks().subList(0, plan.tasks().indexOf(t)))
                assertTrue(earlier.orderIds().get(0) < seed, "carts come in urgency order of their seeds");
            assertEquals(1, aisles(t.stops().stream().map(Stop::aisle).toList()), "companions share the seed's aisle");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Every planned order in exactly one task, every reservation of a planned order in exactly one stop, units add up. */
    private static void assertPlanHonest(List<Order> input, WavePlan plan) {
        Map<Long, Order> byId = new HashMap<>();
        for (Order o : input) byId.put(o.orderId(), o);
        List<Long> inTasks = new ArrayList<>();
        for (Task t : plan.tasks()) inTasks.addAll(t.orderIds());
        assertEquals(new TreeSet<>(plan.orderIds()), new TreeSet<>(inTasks), "the tasks serve exactly the wave's orders");
        assertEquals(plan.orderIds().size(), inTasks.size(), "every order in exactly one task");
        assertEquals(plan.orderIds().size(), new HashSet<>(plan.orderIds()).size());

        Map<Long, Pick> expected = new HashMap<>();
        int units = 0;
        for (long id : plan.orderIds()) {
            for (Pick p : byId.get(id).picks()) expected.put(p.allocationId(), p);
            units += byId.get(id).units();
        }
        Set<Long> seen = new HashSet<>();
        int totes = 0, stopUnits = 0;
        for (Task t : plan.tasks()) {
            totes += t.totes();
            for (Stop s : t.stops()) {
                int qty = 0;
                for (long a : s.allocationIds()) {
                    assertTrue(seen.add(a), "reservation " + a + " in two stops");
                    Pick p = expected.get(a);
                    assertTrue(p != null, "reservation " + a + " belongs to no planned order");
                    assertEquals(p.locationId(), s.locationId(), "picked where it is reserved");
                    assertEquals(p.productId(), s.productId());
                    assertTrue(t.orderIds().contains(orderOf(byId, a)), "a stop serves an order of its own task");
                    if (s.orderId() != null) assertEquals(orderOf(byId, a), s.orderId());
                    qty += p.quantity();
                }
                assertEquals(qty, s.quantity(), "a stop takes what its reservations hold");
                stopUnits += s.quantity();
            }
        }
        assertEquals(expected.keySet(), seen, "every reservation in a stop");
        assertEquals(units, plan.units());
        assertEquals(units, stopUnits);
        assertEquals(totes, plan.totes());
    }

    private static long orderOf(Map<Long, Order> byId, long allocationId) {
        for (Order o : byId.values()) for (Pick p : o.picks()) if (p.allocationId() == allocationId) return o.orderId();
        throw new AssertionError("no order holds reservation " + allocationId);
    }

    private static int aisles(List<Integer> aisles) { return new HashSet<>(aisles).size(); }

    private static Instant hours(int h) { return NOON.plusSeconds(3600L * h); }

    private Order randomMulti(Random r, long id) {
        int lines = 2 + r.nextInt(4);
        Pick[] picks = new Pick[lines];
        for (int l = 0; l < lines; l++) {
            int aisle = 1 + r.nextInt(20), bay = 1 + r.nextInt(30);
            picks[l] = pick(100 + r.nextInt(500), aisle * 100L + bay, aisle, bay, 1 + (r.nextInt(5) == 0 ? 1 : 0));
        }
        return order(id, NOON.plusSeconds(3600L * r.nextInt(6)), r.nextInt(3), picks);
    }

    private Order single(long id, Instant shipBy, long sku, long bin, int aisle, int bay) {
        return order(id, shipBy, 0, pick(sku, bin, aisle, bay, 1));
    }

    /** Two units in two lines, in the two given aisles. */
    private Order multi(long id, Instant shipBy, int priority, int aisle1, int aisle2) {
        return order(id, shipBy, priority, pick(10, 1000 + aisle1, aisle1, 1, 1), pick(11, 1000 + aisle2, aisle2, 2, 1));
    }

    /** An order of {@code units} units of one SKU. */
    private Order multiOf(long id, Instant shipBy, int units) {
        return order(id, shipBy, 0, pick(20 + id, 2000 + id, 4, 4, units));
    }

    private static Order order(long id, Instant shipBy, int priority, Pick... picks) {
        return new Order(id, shipBy, priority, List.of(picks));
    }

    private Pick pick(long productId, long bin, int aisle, int bay, int quantity) {
        return new Pick(nextAllocation++, productId, "SKU-" + productId, bin, "A", aisle, bay, quantity);
    }
}
