/**
 * Cycle counts: count tasks from short picks, on demand and on an ABC schedule, counted blind by scan;
 * a variance within tolerance is adjusted at once (COUNT ledger rows), above it a supervisor approves or orders a recount.
 */
package io.surgewms.inventory.counts;
