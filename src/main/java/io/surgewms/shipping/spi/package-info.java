/**
 * The carrier SPI: what a label provider does for Surge (quote, buy, void, close the day, check an
 * address), the data that crosses it, and the one exception it throws. Providers live beside it, one
 * package each, each with its own small HTTP client; nothing here knows the database.
 */
package io.surgewms.shipping.spi;
