package io.surgewms.picking;

import io.surgewms.inventory.Picks;
import io.surgewms.inventory.replenishment.Replenishment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishing a stop: the picked units move from bin to tote in the ledger, and whatever is now
 * complete follows — orders with nothing left to pick become PICKED, the task DONE, the wave COMPLETED.
 */
final class StopCompletion {
    private StopCompletion() {}

    static void complete(Connection c, long stopId, String picker) throws SQLException {
        long taskId, productId, locationId, toteId;
        int picked;
        try (PreparedStatement ps = c.prepareStatement("select task_id, product_id, location_id, tote_id, picked from pick_stop where id = ?")) {
            ps.setLong(1, stopId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                taskId = rs.getLong(1); productId = rs.getLong(2); locationId = rs.getLong(3); toteId = rs.getLong(4); picked = rs.getInt(5);
            }
        }
        List<Long> allocations = new ArrayList<>();
        List<Long> orders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, order_id from allocation where stop_id = ? and status = 'ACTIVE'")) {
            ps.setLong(1, stopId);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) { allocations.add(rs.getLong(1)); orders.add(rs.getLong(2)); } }
        }
        Picks.binToTote(c, productId, locationId, toteId, picked, allocations, "stop:" + stopId, "picker:" + picker);
        Replenishment.afterPick(c, productId, locationId, "picker:" + picker); // a pick face below its min gets a task
        try (PreparedStatement ps = c.prepareStatement("update pick_stop set phase = 'DONE', done_at = now() where id = ?")) {
            ps.setLong(1, stopId);
            ps.executeUpdate();
        }
        ordersPicked(c, orders, picker, taskId);
        finishTaskIfDone(c, taskId);
    }

    /** Orders of these with no reservation left to pick (and no open short) are PICKED. */
    static void ordersPicked(Connection c, List<Long> orderIds, String picker, long taskId) throws SQLException {
        if (orderIds.isEmpty()) return;
        List<Long> done = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                update orders o set status = 'PICKED', updated_at = now()
                 where o.id = any(?) and o.status = 'PICKING' and o.exception is null
                   and not exists (select 1 from allocation a where a.order_id = o.id and a.status = 'ACTIVE')
                returning o.id""")) {
            ps.setArray(1, io.surgewms.platform.Sql.longs(c, orderIds));
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) done.add(rs.getLong(1)); }
        }
        WaveService.orderEvents(c, done, "PICKING", "PICKED", "picker:" + picker, "task " + taskId);
    }

    static void finishTaskIfDone(Connection c, long taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update pick_task set status = 'DONE', completed_at = now()
                 where id = ? and not exists (select 1 from pick_stop where task_id = ? and phase in ('LOCATION','ITEM','TOTE'))
                returning wave_id""")) {
            ps.setLong(1, taskId);
            ps.setLong(2, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return;
                long wave = rs.getLong(1);
                try (PreparedStatement w = c.prepareStatement("""
                        update wave set status = 'COMPLETED', completed_at = now()
                         where id = ? and not exists (select 1 from pick_task where wave_id = ? and status not in ('DONE','CANCELLED'))""")) {
                    w.setLong(1, wave);
                    w.setLong(2, wave);
                    w.executeUpdate();
                }
            }
        }
    }
}
