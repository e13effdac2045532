package io.surgewms.inventory;

import java.sql.Connection;
import java.util.Set;

/**
 * Fired synchronously, inside the transaction that made units sellable (receipt, release, count
 * up), so whoever waits for them (backorders) takes them in that same transaction.
 */
public record StockAvailable(Connection connection, Set<Long> productIds, String actor) {}
