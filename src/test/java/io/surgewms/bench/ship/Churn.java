package io.surgewms.bench.ship;

import io.surgewms.bench.spike.Api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The floor's flow while the stations scan: new single-unit orders of the hot SKUs keep coming (planned as hot
 * singles, so the buyer is mid-call when the service is killed), a supervisor releases and a picker picks them a lead
 * time after they came (the time a real floor gives the buyer), and orders are cancelled after their label was bought,
 * or while it is being bought: each of those labels must be refunded.
 */
public final class Churn {
    final ShipFloor floor;
    final Api api;
    final String dbUrl;
    final BooleanSupplier up;
    /** Cancelled order id → its label's status when it was cancelled. */
    public final Map<Long, String> cancelled = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    public final AtomicInteger lateOrders = new AtomicInteger(), released = new AtomicInteger();
    /** {nanoTime, orders} of each intake batch. */
    private final java.util.List<long[]> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    public volatile boolean stop;

    public Churn(ShipFloor floor, Api api, String dbUrl, BooleanSupplier up) {
        this.floor = floor;
        this.api = api;
        this.dbUrl = dbUrl;
        this.up = up;
    }

    /** A batch of new orders every few seconds. */
    public Thread intake(int perBatch, int everyMs) {
        return daemon("late-orders", () -> {
            while (!stop) {
                if (up.getAsBoolean()) {
                    floor.orders(perBatch, "late");
                    lateOrders.addAndGet(perBatch);
                    arrivals.add(new long[]{System.nanoTime(), perBatch});
                }
                Thread.sleep(everyMs);
            }
        });
    }

    /** Every few seconds: a wave of the orders that came at least {@code leadMs} ago, picked at once. */
    public Thread releaser(int leadMs, int everyMs) {
        return daemon("releaser", () -> {
            while (!stop) {
                Thread.sleep(everyMs);
                long due = -released.get();
                for (long[] a : arrivals) if (System.nanoTime() - a[0] >= leadMs * 1_000_000L) due += a[1];
                if (due <= 0 || !up.getAsBoolean()) continue;
                Api.Res w = api.retry("POST", "/api/waves", Map.of("shop", ShipFloor.SHOP, "maxOrders", due, "release", true));
                if (w == null || w.status() != 201) continue;
                released.addAndGet(w.body().path("orders").asInt());
                floor.pickAll("flow-picker");
            }
        });
    }

    /** Before the stations start: the last k picked orders of the queue, their labels bought, are cancelled. */
    public void cancelTail(int k) throws Exception {
        for (int i = 0; i < k; i++) cancel(candidate("""
                select o.id, 0 from orders o join parcel_label l on l.order_id = o.id and l.status = 'BOUGHT'
                 where o.status = 'PICKED' and o.external_id like 'pool-%' order by o.ship_by desc, o.id desc limit 1"""));
    }

    /**
     * One cancel every few seconds, in turn: a new order whose label is being bought right now (else bought), and a
     * released one whose label is bought (it may be on its way to a station).
     */
    public Thread canceller(int everyMs) {
        return daemon("canceller", () -> {
            boolean buying = true;
            while (!stop) {
                Thread.sleep(everyMs);
                if (!up.getAsBoolean()) continue;
                cancel(candidate(buying ? """
                        select o.id, case when l.status = 'BUYING' then 1 else 0 end from orders o join parcel_label l on l.order_id = o.id
                         where o.status = 'ALLOCATED' and o.external_id like 'late-%' and l.status in ('BUYING','BOUGHT')
                         order by l.status = 'BUYING' desc, o.id desc limit 1"""
                        : """
                        select o.id, 0 from orders o join parcel_label l on l.order_id = o.id and l.status = 'BOUGHT'
                         where o.status in ('RELEASED','PICKING','PICKED') and o.external_id like 'late-%' order by o.id desc limit 1"""));
                buying = !buying;
            }
        });
    }

    private void cancel(long[] pick) throws InterruptedException {
        if (pick == null) return;
        Api.Res r = api.retry("POST", "/api/orders/" + pick[0] + "/cancel?reason=bench", null);
        if (r != null && r.ok()) cancelled.put(pick[0], pick[1] == 1 ? "BUYING" : "BOUGHT");
    }

    private long[] candidate(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new long[]{rs.getLong(1), rs.getLong(2)} : null;
        }
    }

    interface Body { void run() throws Exception; }

    static Thread daemon(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println(name + " stopped: " + e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }
}
