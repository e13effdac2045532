/**
 * EasyPost as a label provider: its REST API v2 (shipments and rates, buy, refund, batches and scan forms,
 * address verification) behind the carrier SPI. No database: the label worker keeps what it needs.
 */
package io.surgewms.shipping.easypost;
