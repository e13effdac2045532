package io.surgewms.picking;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The floor's picking settings, one row shared by every instance. */
@ApplicationScoped
public class PickingPolicyService {

    @Inject AgroalDataSource db;

    public record Policy(boolean autoRelease, int maxOrders, int maxUnits, int maxTotes, int cartTotes, int bulkTaskUnits,
                         int horizonHours, int claimTimeoutSeconds) {}

    public Policy get() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select auto_release, max_orders, max_units, max_totes, cart_totes, bulk_task_units, horizon_hours, claim_timeout_s
                  from picking_policy where id = 1""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Policy(rs.getBoolean(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Policy update(Policy p) {
        if (p == null) throw ProblemException.invalid("$", "send the whole policy (GET it, change it, PUT it back)");
        if (p.maxOrders() < 1 || p.maxUnits() < 1 || p.maxTotes() < 1) throw ProblemException.invalid("maxOrders", "caps must be at least 1");
        if (p.cartTotes() < 1 || p.cartTotes() > 48) throw ProblemException.invalid("cartTotes", "must be between 1 and 48");
        if (p.bulkTaskUnits() < 1) throw ProblemException.invalid("bulkTaskUnits", "must be at least 1");
        if (p.horizonHours() < 1) throw ProblemException.invalid("horizonHours", "must be at least 1");
        if (p.claimTimeoutSeconds() < 30) throw ProblemException.invalid("claimTimeoutSeconds", "must be at least 30");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update picking_policy set auto_release = ?, max_orders = ?, max_units = ?, max_totes = ?, cart_totes = ?,
                       bulk_task_units = ?, horizon_hours = ?, claim_timeout_s = ?, updated_at = now() where id = 1""")) {
            ps.setBoolean(1, p.autoRelease());
            ps.setInt(2, p.maxOrders());
            ps.setInt(3, p.maxUnits());
            ps.setInt(4, p.maxTotes());
            ps.setInt(5, p.cartTotes());
            ps.setInt(6, p.bulkTaskUnits());
            ps.setInt(7, p.horizonHours());
            ps.setInt(8, p.claimTimeoutSeconds());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return get();
    }
}
