package io.surgewms.inventory.replenishment;

import io.surgewms.inventory.StockLocks;
import io.surgewms.platform.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The triggers that create replenishment tasks and the confirmation that moves the stock, all inside
 * the caller's transaction (the wave's release, the pick's completion, the replenisher's last scan).
 * See the package description for the model.
 */
public final class Replenishment {
    private Replenishment() {}

    /** A pick face of a SKU as configured. */
    record Face(long locationId, long productId, int min, int max) {}

    /** A stop of a wave at a reserve bin, with the units reserved for it there. */
    private record ReserveStop(long stopId, long productId, long locationId, int reserved, int priority, Timestamp urgency) {}

    /**
     * A wave is being released: its not-yet-started stops at reserve bins for SKUs with a pick face become
     * replenishment tasks (one per SKU and reserve bin) that their pick tasks wait for. Returns the tasks made or joined.
     */
    public static List<Long> forWave(Connection c, long waveId, String actor) throws SQLException {
        List<ReserveStop> stops = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.id, s.product_id, s.location_id,
                       (select coalesce(sum(a.quantity), 0) from allocation a join stock st on st.id = a.stock_id
                         where a.stop_id = s.id and a.status = 'ACTIVE' and st.location_id = s.location_id)::int,
                       t.priority, t.urgency
                  from pick_stop s join pick_task t on t.id = s.task_id join location l on l.id = s.location_id
                 where t.wave_id = ? and t.status = 'OPEN' and s.phase = 'LOCATION' and s.picked = 0 and l.kind = 'RESERVE'
                   and exists (select 1 from pick_face f join location fl on fl.id = f.location_id
                                where f.product_id = s.product_id and fl.active and fl.kind = 'PICK_FACE')
                   and not exists (select 1 from replenishment_stop rs where rs.stop_id = s.id)
                 order by s.product_id, s.location_id, s.id""")) {
            ps.setLong(1, waveId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) if (rs.getInt(4) > 0)
                    stops.add(new ReserveStop(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5), rs.getTimestamp(6)));
            }
        }
        if (stops.isEmpty()) return List.of();
        Map<List<Long>, List<ReserveStop>> groups = new LinkedHashMap<>(); // (product, reserve bin) → stops
        Map<Long, Face> faces = new LinkedHashMap<>();
        for (ReserveStop s : stops) {
            groups.computeIfAbsent(List.of(s.productId(), s.locationId()), k -> new ArrayList<>()).add(s);
            if (!faces.containsKey(s.productId())) faces.put(s.productId(), faceOf(c, s.productId()));
        }
        // Every face's stock row, locked in id order: the mutex of the face's tasks.
        Map<Long, Long> faceStock = new LinkedHashMap<>();
        for (Face f : faces.values()) faceStock.put(f.productId(), ensureRow(c, f.productId(), f.locationId()));
        StockLocks.lockRows(c, new TreeSet<>(faceStock.values()));

        List<Long> tasks = new ArrayList<>();
        for (List<ReserveStop> g : groups.values()) {
            long product = g.get(0).productId(), from = g.get(0).locationId();
            Face face = faces.get(product);
            if (face.locationId() == from) continue;
            int units = g.stream().mapToInt(ReserveStop::reserved).sum();
            int priority = g.stream().mapToInt(ReserveStop::priority).max().orElse(0);
            Timestamp urgency = g.stream().map(ReserveStop::urgency).min(Timestamp::compareTo).orElse(null);
            Long taskId = null;
            String status = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, status from replenishment_task
                     where to_location_id = ? and product_id = ? and from_location_id = ? and status in ('OPEN','CLAIMED')""")) {
                ps.setLong(1, face.locationId());
                ps.setLong(2, product);
                ps.setLong(3, from);
                try (ResultSet rs = ps.executeQuery()) { if (rs.next()) { taskId = rs.getLong(1); status = rs.getString(2); } }
            }
            if (taskId != null) {
                if (status.equals("CLAIMED")) continue; // on its way already: these pickers go to reserve as planned
                try (PreparedStatement ps = c.prepareStatement("""
                        update replenishment_task set reason = 'WAVE', wave_id = ?, quantity = quantity + ?,
                               priority = greatest(priority, ?), urgency = least(coalesce(urgency, ?), ?)
                         where id = ? and status = 'OPEN'""")) {
                    ps.setLong(1, waveId);
                    ps.setInt(2, units);
                    ps.setInt(3, priority);
                    ps.setTimestamp(4, urgency);
                    ps.setTimestamp(5, urgency);
                    ps.setLong(6, taskId);
                    if (ps.executeUpdate() == 0) continue; // claimed meanwhile
                }
            } else {
                int[] faceRow = row(c, faceStock.get(product));
                int[] fromRow = row(c, stockId(c, product, from));
                int room = face.max() - faceRow[0] - units;
                int topUp = Math.max(0, Math.min(fromRow[0] - fromRow[1], room));
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into replenishment_task (product_id, from_location_id, to_location_id, quantity, reason, wave_id,
                                                        priority, urgency, created_by)
                        values (?, ?, ?, ?, 'WAVE', ?, ?, ?, ?) returning id""")) {
                    ps.setLong(1, product);
                    ps.setLong(2, from);
                    ps.setLong(3, face.locationId());
                    ps.setInt(4, units + topUp);
                    ps.setLong(5, waveId);
                    ps.setInt(6, priority);
                    ps.setTimestamp(7, urgency);
                    ps.setString(8, actor);
                    try (ResultSet rs = ps.executeQuery()) { rs.next(); taskId = rs.getLong(1); }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into replenishment_stop (task_id, stop_id) select ?, unnest(?::bigint[]) on conflict do nothing")) {
                ps.setLong(1, taskId);
                ps.setArray(2, Sql.longs(c, g.stream().map(ReserveStop::stopId).toList()));
                ps.executeUpdate();
            }
            tasks.add(taskId);
        }
        return tasks;
    }

    /** Units just left a bin (a pick): if it is a pick face now below its min, it gets a task. The caller holds the bin's row lock. */
    public static void afterPick(Connection c, long productId, long locationId, String actor) throws SQLException {
        belowMin(c, productId, locationId, actor);
    }

    /**
     * A face holding fewer units than its min, with no open task, gets one from the reserve bin with the most free
     * units, up to max on hand. Locks the face's stock row first. Returns the task, or null.
     */
    public static Long belowMin(Connection c, long productId, long locationId, String actor) throws SQLException {
        int min, max;
        try (PreparedStatement ps = c.prepareStatement("""
                select f.min_qty, f.max_qty from pick_face f join location l on l.id = f.location_id
                 where f.location_id = ? and f.product_id = ? and l.active and l.kind = 'PICK_FACE'""")) {
            ps.setLong(1, locationId);
            ps.setLong(2, productId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                min = rs.getInt(1);
                max = rs.getInt(2);
            }
        }
        long stock = ensureRow(c, productId, locationId);
        StockLocks.lockRows(c, List.of(stock));
        int[] face = row(c, stock);
        if (face[0] >= min) return null;
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from replenishment_task where to_location_id = ? and product_id = ? and status in ('OPEN','CLAIMED')")) {
            ps.setLong(1, locationId);
            ps.setLong(2, productId);
            try (ResultSet rs = ps.executeQuery()) { if (rs.next()) return null; }
        }
        long from;
        int free;
        try (PreparedStatement ps = c.prepareStatement("""
                select s.location_id, s.on_hand - s.allocated from stock s join location l on l.id = s.location_id
                 where s.product_id = ? and l.kind = 'RESERVE' and l.active and s.on_hand > s.allocated
                 order by s.on_hand - s.allocated desc, l.pick_seq, s.id limit 1""")) {
            ps.setLong(1, productId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null; // nothing to refill from: a count or a receipt will tell
                from = rs.getLong(1);
                free = rs.getInt(2);
            }
        }
        int quantity = Math.min(max - face[0], free);
        if (quantity <= 0) return null; // full of units already promised to pickers: their picks will trigger again
        try (PreparedStatement ps = c.prepareStatement("""
                insert into replenishment_task (product_id, from_location_id, to_location_id, quantity, reason, created_by)
                values (?, ?, ?, ?, 'MIN', ?) returning id""")) {
            ps.setLong(1, productId);
            ps.setLong(2, from);
            ps.setLong(3, locationId);
            ps.setInt(4, quantity);
            ps.setString(5, actor);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        }
    }

    /** The pick face of a SKU: its configured face with the lowest pick sequence. */
    static Face faceOf(Connection c, long productId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select f.location_id, f.min_qty, f.max_qty from pick_face f join location l on l.id = f.location_id
                 where f.product_id = ? and l.active and l.kind = 'PICK_FACE' order by l.pick_seq, l.id limit 1""")) {
            ps.setLong(1, productId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Face(rs.getLong(1), productId, rs.getInt(2), rs.getInt(3));
            }
        }
    }

    /** What a confirmation of {@code quantity} units would do: the stops it re-points and their reserved units. */
    record Plan(List<Long> stops, int reserved, int freeNeeded, int freeAtSource) {
        boolean possible() { return freeNeeded <= freeAtSource; }
    }

    /**
     * Chooses the linked stops to re-point for a move of {@code quantity} units: those whose pick task nobody holds
     * and whose stop is not started, most urgent first, while their units fit. Call with the rows locked to act on it.
     */
    static Plan plan(Connection c, long taskId, long productId, long fromLocation, int quantity) throws SQLException {
        Long fromStock = stockId(c, productId, fromLocation);
        if (fromStock == null) return new Plan(List.of(), 0, quantity, 0);
        List<Long> stops = new ArrayList<>();
        int reserved = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                select s.id, (select coalesce(sum(a.quantity), 0) from allocation a
                               where a.stop_id = s.id and a.status = 'ACTIVE' and a.stock_id = ?)::int
                  from replenishment_stop rs join pick_stop s on s.id = rs.stop_id join pick_task t on t.id = s.task_id
                 where rs.task_id = ? and s.phase = 'LOCATION' and s.picked = 0 and s.location_id = ? and t.status = 'OPEN'
                 order by t.priority desc, t.urgency, s.id""")) {
            ps.setLong(1, fromStock);
            ps.setLong(2, taskId);
            ps.setLong(3, fromLocation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int r = rs.getInt(2);
                    if (r > 0 && reserved + r <= quantity) {
                        stops.add(rs.getLong(1));
                        reserved += r;
                    }
                }
            }
        }
        int[] from = row(c, fromStock);
        return new Plan(stops, reserved, quantity - reserved, from[0] - from[1]);
    }

    /**
     * Moves {@code quantity} units from reserve to face: locks the waiting pick tasks, then both stock rows in id
     * order, re-points the chosen stops and their reservations, writes MOVE_OUT/MOVE_IN. Null when done, else the
     * number of units that may move now (the rest is reserved for stops that cannot follow).
     */
    static Integer confirm(Connection c, long taskId, long productId, long fromLocation, long toLocation, int quantity,
                           String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select t.id from pick_task t where t.id in (select s.task_id from replenishment_stop rs join pick_stop s on s.id = rs.stop_id
                                                            where rs.task_id = ?) order by t.id for update""")) {
            ps.setLong(1, taskId);
            ps.executeQuery().close();
        }
        long toStock = ensureRow(c, productId, toLocation);
        Long fromStock = stockId(c, productId, fromLocation);
        if (fromStock == null) return 0;
        StockLocks.lockRows(c, List.of(fromStock, toStock));
        Plan p = plan(c, taskId, productId, fromLocation, quantity);
        if (!p.possible()) return p.reserved() + p.freeAtSource();
        if (!p.stops().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "update allocation set stock_id = ? where stop_id = any(?) and status = 'ACTIVE' and stock_id = ?")) {
                ps.setLong(1, toStock);
                ps.setArray(2, Sql.longs(c, p.stops()));
                ps.setLong(3, fromStock);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update pick_stop set location_id = ? where id = any(?)")) {
                ps.setLong(1, toLocation);
                ps.setArray(2, Sql.longs(c, p.stops()));
                ps.executeUpdate();
            }
        }
        String ref = "replenishment:" + taskId;
        change(c, fromStock, "MOVE_OUT", -quantity, -p.reserved(), ref, actor);
        change(c, toStock, "MOVE_IN", quantity, p.reserved(), ref, actor);
        return null;
    }

    private static void change(Connection c, long stockId, String kind, int onHand, int allocated, String ref, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update stock set on_hand = on_hand + ?, allocated = allocated + ?, updated_at = now() where id = ?")) {
            ps.setInt(1, onHand);
            ps.setInt(2, allocated);
            ps.setLong(3, stockId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into stock_ledger (stock_id, kind, delta_on_hand, delta_allocated, reference, actor, note)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, stockId);
            ps.setString(2, kind);
            ps.setInt(3, onHand);
            ps.setInt(4, allocated);
            ps.setString(5, ref);
            ps.setString(6, actor);
            ps.setString(7, allocated == 0 ? null : Math.abs(allocated) + " reserved units re-pointed");
            ps.executeUpdate();
        }
    }

    static long ensureRow(Connection c, long productId, long locationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into stock (product_id, location_id) values (?, ?) on conflict (product_id, location_id) do nothing")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            ps.executeUpdate();
        }
        return stockId(c, productId, locationId);
    }

    static Long stockId(Connection c, long productId, long locationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from stock where product_id = ? and location_id = ?")) {
            ps.setLong(1, productId);
            ps.setLong(2, locationId);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }

    /** {on_hand, allocated} of a stock row. */
    static int[] row(Connection c, long stockId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select on_hand, allocated from stock where id = ?")) {
            ps.setLong(1, stockId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return new int[]{rs.getInt(1), rs.getInt(2)}; }
        }
    }
}
