/**
 * Sendcloud as a label provider through its Shipments API v3 (shipping options with quotes, synchronous
 * announcement with the label in the answer, cancellation) behind the carrier SPI. No database.
 */
package io.surgewms.shipping.sendcloud;
