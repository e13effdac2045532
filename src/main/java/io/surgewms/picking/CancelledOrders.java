package io.surgewms.picking;

import io.surgewms.intake.OrderCancelled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * A cancelled order leaves the pick routes: its units come off stops not yet finished, and a stop
 * left with nothing to take is closed. Units already in the picker's hand still go to the tote
 * (unreserved) so nothing is lost on the floor.
 */
@ApplicationScoped
public class CancelledOrders {

    void onCancel(@Observes OrderCancelled ev) {
        try {
            dropStops(ev.connection(), ev.orderId());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void dropStops(Connection c, long orderId) throws SQLException {
        Set<Long> tasks = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                update pick_stop s set quantity = greatest(s.quantity - d.q, s.picked, 1),
                       phase = case when s.quantity - d.q <= 0 and s.picked = 0 then 'DROPPED'
                                    when s.picked >= greatest(s.quantity - d.q, 1) and s.phase = 'ITEM' then 'TOTE'
                                    else s.phase end,
                       done_at = case when s.quantity - d.q <= 0 and s.picked = 0 then now() else s.done_at end
                  from (select stop_id, sum(quantity)::int q from allocation
                         where order_id = ? and status = 'ACTIVE' and stop_id is not null group by stop_id) d
                 where s.id = d.stop_id and s.phase in ('LOCATION','ITEM')
             returning s.task_id""")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) tasks.add(rs.getLong(1)); }
        }
        for (long t : tasks) StopCompletion.finishTaskIfDone(c, t);
    }
}
