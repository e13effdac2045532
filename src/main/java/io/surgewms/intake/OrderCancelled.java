package io.surgewms.intake;

import java.sql.Connection;

/**
 * Fired inside the cancelling transaction, before the order's reservations are released, so
 * work planned for the order (pick stops) can be taken back in the same transaction.
 */
public record OrderCancelled(Connection connection, long orderId, String actor) {}
