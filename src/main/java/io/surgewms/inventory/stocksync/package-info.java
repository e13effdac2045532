/**
 * Stock sync to channels: triggers on {@code stock} append changed products to {@code stock_change}; a worker
 * (every second, any instance) turns them into debounced {@code stock.level} outbox rows per channel mapping
 * (max(0, ATP − safety buffer); at most one unsent row per mapping, rewritten to the latest level).
 * Reads the channel tables by SQL only; the outbox sender delivers the rows.
 */
package io.surgewms.inventory.stocksync;
