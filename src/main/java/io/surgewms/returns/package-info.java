/**
 * Returns (RMA): authorising the return of shipped units, the return label, and the returns station that
 * receives each unit and decides its fate (restock, quarantine, scrap), writing the ledger as it goes.
 */
package io.surgewms.returns;
