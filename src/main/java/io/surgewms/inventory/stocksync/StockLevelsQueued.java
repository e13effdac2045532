package io.surgewms.inventory.stocksync;

/**
 * Fired (synchronously, after its transaction committed) when a stock-sync run queued or rewrote {@code stock.level}
 * outbox rows: whoever sends the outbox may send them now instead of at its next tick. Inventory names no sender.
 */
public record StockLevelsQueued(int queued, int rewritten) {}
