/**
 * Stock by SKU and bin, its append-only ledger, and allocation: receipts, adjustments, moves and
 * reservations all change stock and write the ledger in one transaction, so the two always agree.
 */
package io.surgewms.inventory;
