package io.surgewms.picking.planning;

import io.surgewms.picking.planning.WaveInput.Caps;
import io.surgewms.picking.planning.WaveInput.Order;
import io.surgewms.picking.planning.WaveInput.Pick;
import io.surgewms.picking.planning.WavePlan.Kind;
import io.surgewms.picking.planning.WavePlan.Stop;
import io.surgewms.picking.planning.WavePlan.Task;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the next wave. Orders are taken by urgency (ship-by, then priority) until a cap is hit.
 * Singles (one unit) are batched per SKU into bulk tasks: one walk picks a SKU for every order
 * that wants it, which is what makes a viral spike cheap; past {@link Caps#maxUnitsPerBulkTask()} units a SKU's
 * singles are split, bin by bin, over several bulk tasks. Multi-unit orders go onto carts of
 * {@code cartTotes} totes with a seed heuristic: the most urgent order seeds a cart, then the
 * order adding the fewest new aisles joins it (ties: the more urgent), so a cart's orders share aisles.
 */
public final class WavePlanner {

    /** How far down the urgency list the seed heuristic looks for companions of a seed. */
    static final int WINDOW = 400;

    public WavePlan plan(List<Order> waiting, Caps caps) {
        List<Order> byUrgency = new ArrayList<>(waiting);
        byUrgency.sort(Comparator.comparing(Order::shipBy).thenComparing(Comparator.comparingInt(Order::priority).reversed())
                .thenComparingLong(Order::orderId));

        // 1. Take orders by urgency within the caps. A bulk task uses one tote (a SKU needs one per
        //    maxUnitsPerBulkTask singles); a multi order one tote.
        List<Order> singles = new ArrayList<>(), multis = new ArrayList<>();
        Map<Long, Integer> bulkSingles = new HashMap<>();   // singles taken per SKU
        int units = 0, totes = 0;
        for (Order o : byUrgency) {
            if (singles.size() + multis.size() >= caps.maxOrders()) break;
            int u = o.units();
            if (units + u > caps.maxUnits()) continue; // a smaller order may still fit
            int newTotes = !o.single() ? 1
                    : bulkSingles.getOrDefault(o.picks().get(0).productId(), 0) % caps.maxUnitsPerBulkTask() == 0 ? 1 : 0;
            if (totes + newTotes > caps.maxTotes()) continue;
            if (o.single()) {
                singles.add(o);
                bulkSingles.merge(o.picks().get(0).productId(), 1, Integer::sum);
            } else {
                multis.add(o);
            }
            units += u;
            totes += newTotes;
        }

        List<Task> tasks = new ArrayList<>(bulkTasks(singles, caps.maxUnitsPerBulkTask()));
        tasks.addAll(clusterTasks(multis, caps.cartTotes()));
        List<Long> orderIds = new ArrayList<>();
        for (Order o : singles) orderIds.add(o.orderId());
        for (Order o : multis) orderIds.add(o.orderId());
        return new WavePlan(orderIds, tasks, units, totes);
    }

    /**
     * One task per SKU, or per {@code maxUnits} singles of it: the SKU's singles are lined up bin by bin (bins in order
     * of their most urgent order) and cut into tasks of at most {@code maxUnits} units, so a task visits as few bins as
     * it can. One stop per bin of a task, summing the units of its orders reserved there.
     */
    static List<Task> bulkTasks(List<Order> singles, int maxUnits) {
        Map<Long, Map<Long, List<Order>>> bySkuAndBin = new LinkedHashMap<>();
        for (Order o : singles)
            bySkuAndBin.computeIfAbsent(o.picks().get(0).productId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(o.picks().get(0).locationId(), k -> new ArrayList<>()).add(o);
        List<Task> tasks = new ArrayList<>();
        for (Map<Long, List<Order>> byBin : bySkuAndBin.values()) {
            List<Order> lined = new ArrayList<>();
            byBin.values().forEach(lined::addAll);
            for (int from = 0; from < lined.size(); ) {
                int to = from, units = 0;
                while (to < lined.size() && (to == from || units + lined.get(to).units() <= maxUnits)) units += lined.get(to++).units();
                tasks.add(bulkTask(lined.subList(from, to)));
                from = to;
            }
        }
        return tasks;
    }

    private static Task bulkTask(List<Order> orders) {
        Map<Long, List<Pick>> byBin = new LinkedHashMap<>();
        for (Order o : orders) for (Pick p : o.picks()) byBin.computeIfAbsent(p.locationId(), k -> new ArrayList<>()).add(p);
        List<Stop> stops = new ArrayList<>();
        for (List<Pick> picks : byBin.values()) {
            Pick first = picks.get(0);
            int qty = 0;
            List<Long> allocations = new ArrayList<>();
            for (Pick p : picks) { qty += p.quantity(); allocations.add(p.allocationId()); }
            stops.add(new Stop(first.locationId(), first.zone(), first.aisle(), first.bay(), first.productId(), first.sku(),
                    qty, null, 0, allocations));
        }
        return new Task(Kind.BULK, orders.stream().map(Order::orderId).toList(), stops, 1);
    }

    /** Seed heuristic: carts of orders that share aisles. */
    static List<Task> clusterTasks(List<Order> multis, int cartTotes) {
        List<Task> tasks = new ArrayList<>();
        List<Order> left = new ArrayList<>(multis); // in urgency order
        Map<Long, BitSet> aislesOf = new HashMap<>();
        for (Order o : multis) aislesOf.put(o.orderId(), aisles(o));
        while (!left.isEmpty()) {
            Order seed = left.remove(0);
            List<Order> cart = new ArrayList<>(List.of(seed));
            BitSet covered = (BitSet) aislesOf.get(seed.orderId()).clone();
            while (cart.size() < cartTotes && !left.isEmpty()) {
                int best = -1, bestAdded = Integer.MAX_VALUE;
                int window = Math.min(left.size(), WINDOW);
                for (int i = 0; i < window; i++) {
                    BitSet extra = (BitSet) aislesOf.get(left.get(i).orderId()).clone();
                    extra.andNot(covered);
                    int added = extra.cardinality();
                    if (added < bestAdded) { bestAdded = added; best = i; }
                    if (added == 0) break; // earliest order that adds nothing: cannot do better
                }
                Order next = left.remove(best);
                cart.add(next);
                covered.or(aislesOf.get(next.orderId()));
            }
            List<Stop> stops = new ArrayList<>();
            for (int slot = 0; slot < cart.size(); slot++) {
                Order o = cart.get(slot);
                Map<String, List<Pick>> byBinSku = new LinkedHashMap<>();
                for (Pick p : o.picks()) byBinSku.computeIfAbsent(p.locationId() + "/" + p.productId(), k -> new ArrayList<>()).add(p);
                for (List<Pick> picks : byBinSku.values()) {
                    Pick first = picks.get(0);
                    int qty = 0;
                    List<Long> allocations = new ArrayList<>();
                    for (Pick p : picks) { qty += p.quantity(); allocations.add(p.allocationId()); }
                    stops.add(new Stop(first.locationId(), first.zone(), first.aisle(), first.bay(), first.productId(), first.sku(),
                            qty, o.orderId(), slot, allocations));
                }
            }
            tasks.add(new Task(Kind.CLUSTER, cart.stream().map(Order::orderId).toList(), stops, cart.size()));
        }
        return tasks;
    }

    /** Aisles as zone-qualified numbers; zones are few, so hashing the name into the high bits is enough. */
    private static BitSet aisles(Order o) {
        BitSet b = new BitSet();
        for (Pick p : o.picks()) b.set(Math.floorMod(p.zone().hashCode(), 64) * 1000 + Math.max(0, p.aisle()));
        return b;
    }
}
