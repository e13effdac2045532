/**
 * Wave planning as pure functions: which allocated orders go into the next wave, singles batched
 * per SKU, multi-line orders batched onto carts by shared aisles. No database, so it is benchmarked alone.
 */
package io.surgewms.picking.planning;
