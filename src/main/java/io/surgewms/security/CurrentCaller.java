package io.surgewms.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * The caller of this request, for the code that must know more than a role: which shops it may see
 * (a seller's user or key sees only its own; another shop's data answers 404, so its existence does
 * not leak), and whether a picker or packer acts as someone else.
 */
@RequestScoped
public class CurrentCaller {

    @Inject SecurityIdentity identity;
    @Inject AgroalDataSource db;

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** Null: every shop. Otherwise the only shop ids this caller may read or write. */
    @SuppressWarnings("unchecked")
    public Set<Long> shops() {
        return identity.isAnonymous() ? Set.of() : (Set<Long>) identity.getAttribute(SurgeIdentityProvider.SHOPS);
    }

    public boolean confined() {
        return shops() != null;
    }

    /** Whether this caller may use the shop with this code (staff: any, existing or not). */
    public boolean mayUseShop(String code) {
        Set<Long> s = shops();
        if (s == null) return true;
        if (code == null) return false;
        // A batch of 5,000 orders names a handful of shops: one lookup per shop, not per order.
        Long id = shopIds.computeIfAbsent(code, k -> java.util.Optional.ofNullable(one("select id from shop where code = ?", k))).orElse(null);
        return id != null && s.contains(id);
    }

    private final java.util.Map<String, java.util.Optional<Long>> shopIds = new java.util.HashMap<>();

    /**
     * The shop filter a query must use: staff's as given; a seller's must be theirs (404 otherwise), and
     * when they name none, their only shop (with several, they must name one).
     */
    public String shopFilter(String code) {
        Set<Long> s = shops();
        if (s == null) return code;
        if (code == null || code.isBlank()) {
            if (s.size() != 1) throw ProblemException.invalid("shop", "name one of your shops");
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select code from shop where id = ?")) {
                ps.setLong(1, s.iterator().next());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ProblemException.notFound("No shop");
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (!mayUseShop(code)) throw ProblemException.notFound("No shop " + code);
        return code;
    }

    /** 404 for an order, product or parcel of another shop, as if it did not exist. */
    public void requireOrder(long orderId) {
        if (confined()) require(one("select shop_id from orders where id = ?", orderId), "No order " + orderId);
    }

    public void requireProduct(long productId) {
        if (confined()) require(one("select shop_id from product where id = ?", productId), "No product " + productId);
    }

    public void requireShipment(long shipmentId) {
        if (confined()) require(one("select o.shop_id from shipment s join orders o on o.id = s.order_id where s.id = ?", shipmentId),
                "No shipment " + shipmentId);
    }

    private void require(Long shopId, String notFound) {
        if (shopId == null || !shops().contains(shopId)) throw ProblemException.notFound(notFound);
    }

    private Long one(String sql, Object arg) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A picker may touch only the task they hold; supervisors any. */
    public void requireOwnTask(long taskId) {
        if (identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.SUPERVISOR)) return;
        String holder;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select picker from pick_task where id = ?")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return; // the task's own 404 follows
                holder = rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (!name().equals(holder)) throw new ForbiddenException("Task " + taskId + " is not yours");
    }

    /** Staff act for anyone; a picker or packer only as themselves (a missing name means themselves). */
    public String actingAs(String claimed) {
        boolean manager = identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.SUPERVISOR);
        if (claimed == null || claimed.isBlank()) return manager ? claimed : name(); // staff must say whom (validated downstream)
        if (manager || claimed.equals(name())) return claimed;
        throw new ForbiddenException("signed in as " + name() + ", cannot act as " + claimed);
    }
}
