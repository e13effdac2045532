package io.surgewms.bench.spike;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the channels made of the shared stock, from the market's own counts, Surge's stock ledger and the levels
 * the fake channels received:
 * <ul>
 * <li>oversell: per limited SKU, the units the channels together sold and did not cancel beyond the stock there was
 *     to sell when the spike began (ATP then; no stock arrives during the drill).</li>
 * <li>sync: each stock change of a limited SKU (ledger rows of one transaction that change the SKU's ATP in pick
 *     faces and reserve; its time is the transaction's start, so never later than its commit) to the moment the last
 *     channel listing it held a level that reflects it: a level Surge would have computed at or after that change
 *     (the level after it or after a later change already made by then). A change no channel level ever reflects
 *     counts with the time to the end of the drill, so it can only push the percentile up.</li>
 * </ul>
 * A listing's level is max(0, ATP − its buffer); the drill's listings are single SKUs (a bundle listing's level, the
 * minimum over its components, would need that rule here too).
 */
public final class MarketCheck {

    public record Result(long overUnits, Map<String, String> perSku, double syncP50, double syncP99, double syncMax, int changes,
                         int unresolved, double syncP99OutsideKill, int changesNearKill) {}

    private final Market market;
    private final Map<String, Integer> buffers;

    /** buffers: channel → safety buffer set on its listings. */
    public MarketCheck(Market market, Map<String, Integer> buffers) {
        this.market = market;
        this.buffers = buffers;
    }

    public Result check(Connection c, String shop, List<String> skus, long t0Millis, long endMillis, long killMillis, long backMillis) throws Exception {
        List<Double> all = new ArrayList<>(), outside = new ArrayList<>();
        Map<String, String> perSku = new LinkedHashMap<>();
        long over = 0;
        int unresolved = 0, nearKill = 0;
        for (String sku : skus) {
            List<long[]> groups = ledger(c, shop, sku); // [time ms, atp delta]
            long atp = 0;
            int i = 0;
            while (i < groups.size() && groups.get(i)[0] < t0Millis) atp += groups.get(i++)[1];
            long atStart = atp;
            long sold = market.unitsSold(sku);
            long skuOver = Math.max(0, sold - atStart);
            over += skuOver;
            List<long[]> changes = new ArrayList<>(); // [time, atp after]
            for (; i < groups.size(); i++) {
                atp += groups.get(i)[1];
                if (groups.get(i)[1] != 0) changes.add(new long[] {groups.get(i)[0], atp});
            }
            int skuUnresolved = 0;
            double[] worst = new double[changes.size()];
            boolean[] counted = new boolean[changes.size()];
            for (Market.Listing l : market.listings()) {
                if (!l.components.containsKey(sku)) continue;
                int buffer = buffers.getOrDefault(l.channel, 0);
                long prev = Math.max(0, atStart - buffer);
                int[] level = new int[changes.size()];
                long[] at = new long[changes.size()];
                Map<Integer, List<Integer>> byLevel = new HashMap<>();
                for (int k = 0; k < changes.size(); k++) {
                    level[k] = (int) Math.max(0, changes.get(k)[1] - buffer);
                    at[k] = changes.get(k)[0];
                    byLevel.computeIfAbsent(level[k], x -> new ArrayList<>()).add(k);
                }
                List<Market.Push> pushes = market.pushes().stream().filter(p -> p.channel().equals(l.channel) && p.listing().equals(l.id))
                        .sorted(Comparator.comparingLong(Market.Push::receivedMillis)).toList();
                long[] received = pushes.stream().mapToLong(Market.Push::receivedMillis).toArray();
                int[] quantity = pushes.stream().mapToInt(Market.Push::quantity).toArray();
                for (int k = 0; k < changes.size(); k++) {
                    boolean moves = level[k] != (k == 0 ? prev : level[k - 1]);
                    if (!moves) continue; // the level the channel should see did not change: nothing to send
                    counted[k] = true;
                    long x = reflected(received, quantity, byLevel, at, k);
                    double ms = x < 0 ? endMillis - at[k] : x - at[k];
                    if (x < 0) skuUnresolved++;
                    worst[k] = Math.max(worst[k], ms);
                }
            }
            for (int k = 0; k < changes.size(); k++) {
                if (!counted[k]) continue;
                all.add(worst[k]);
                long t = changes.get(k)[0];
                if (t >= killMillis - 5000 && t <= backMillis + 20000) nearKill++;
                else outside.add(worst[k]);
            }
            unresolved += skuUnresolved;
            perSku.put(sku, "stock %d, sold %d, over %d, ATP changes %d, unresolved %d".formatted(atStart, sold, skuOver, changes.size(), skuUnresolved));
        }
        double[] a = sorted(all), o = sorted(outside);
        return new Result(over, perSku, pct(a, 50), pct(a, 99), a.length == 0 ? Double.NaN : a[a.length - 1], a.length, unresolved, pct(o, 99), nearKill);
    }

    /**
     * When the listing first held a level reflecting change k: its levels are constant between pushes; a level q held from
     * s to e reflects k from the time of the first change j ≥ k whose level is q (not before s), if that is before e.
     * -1 when never.
     */
    static long reflected(long[] received, int[] quantity, Map<Integer, List<Integer>> byLevel, long[] at, int k) {
        int i = Arrays.binarySearch(received, at[k]);
        if (i < 0) i = -i - 2;                       // the last push at or before the change (or -1: none yet)
        else while (i + 1 < received.length && received[i + 1] == at[k]) i++;
        for (i = Math.max(i, 0); i < received.length; i++) {
            long s = Math.max(received[i], at[k]), e = i + 1 < received.length ? received[i + 1] : Long.MAX_VALUE;
            if (s >= e) continue;
            List<Integer> js = byLevel.get(quantity[i]);
            if (js == null) continue;
            int pos = Collections.binarySearch(js, k);
            if (pos < 0) pos = -pos - 1;
            if (pos >= js.size()) continue;
            long x = Math.max(s, at[js.get(pos)]);
            if (x < e) return x;
        }
        return -1;
    }

    /** Per transaction (ledger rows of the same start time), the ATP change of the SKU in pick faces and reserve, in order. */
    private static List<long[]> ledger(Connection c, String shop, String sku) throws Exception {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select (extract(epoch from l.created_at) * 1000)::bigint, sum(l.delta_on_hand - l.delta_allocated), min(l.id)
                  from stock_ledger l join stock s on s.id = l.stock_id join location loc on loc.id = s.location_id
                  join product p on p.id = s.product_id join shop sh on sh.id = p.shop_id
                 where sh.code = ? and p.sku = ? and loc.kind in ('PICK_FACE','RESERVE')
                 group by l.created_at order by min(l.id)""")) {
            ps.setString(1, shop);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.add(new long[] {rs.getLong(1), rs.getLong(2)}); }
        }
        return out;
    }

    private static double[] sorted(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static double pct(double[] a, double p) {
        if (a.length == 0) return Double.NaN;
        return a[Math.min(a.length - 1, (int) Math.ceil(p / 100 * a.length) - 1)];
    }

    public static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
