package io.surgewms.intake;

import io.agroal.api.AgroalDataSource;
import io.surgewms.inventory.Reservations;
import io.surgewms.inventory.StockAvailable;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Set;

/** Changes to an accepted order: cancellation for now (picking and packing add theirs). */
@ApplicationScoped
public class OrderService {

    @Inject AgroalDataSource db;
    @Inject Event<StockAvailable> stockAvailable;
    @Inject Event<OrderCancelled> cancelled;
    @Inject OrderQueries queries;

    /** Cancels an order not yet shipped: its reservations go back and waiting orders may take them. Idempotent. */
    public OrderView cancel(long orderId, String reason, String actor) {
        Tx.retrying(() -> {
            Order o = Order.findById(orderId, LockModeType.PESSIMISTIC_WRITE);
            if (o == null) throw ProblemException.notFound("No order " + orderId);
            if (o.status.equals("CANCELLED")) return null;
            if (o.status.equals("SHIPPED")) throw ProblemException.conflict("Order " + orderId + " has shipped; start a return instead");
            String from = o.status;
            o.status = "CANCELLED";
            o.backorderReason = null;
            o.updatedAt = OffsetDateTime.now();
            OrderEvent.record(orderId, from, "CANCELLED", actor, reason);
            Order.flush(); // the status must be visible to the backorder scan below
            try (Connection c = db.getConnection()) {
                cancelled.fire(new OrderCancelled(c, orderId, actor)); // picking drops its open stops first
                Set<Long> released = Reservations.releaseOrder(c, orderId, actor, reason == null ? "order cancelled" : reason);
                if (!released.isEmpty()) stockAvailable.fire(new StockAvailable(c, released, actor));
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
            return null;
        });
        return queries.get(orderId);
    }
}
