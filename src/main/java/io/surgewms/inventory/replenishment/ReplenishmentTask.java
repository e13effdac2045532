package io.surgewms.inventory.replenishment;

import java.time.Instant;

/**
 * A replenishment task as the replenisher's handheld and the supervisor see it: move {@code quantity} of a SKU
 * from a reserve bin to its pick face; {@code expect} is what to scan next (FROM, ITEM, TO or DONE);
 * {@code waitingStops} the pick stops that wait for it.
 */
public record ReplenishmentTask(long id, String shop, String sku, String name, String from, String to, int quantity, int picked,
                                int moved, String status, String reason, Long waveId, int priority, Instant urgency, String picker,
                                String phase, String expect, int waitingStops, Instant createdAt, Instant doneAt, String note) {}
