/**
 * Floor analytics for the supervisor: per hour orders in, units picked, parcels shipped, pick accuracy and
 * lead time, and the same broken down by shop, channel or content tag; JSON and CSV. Reads every table, writes none.
 */
package io.surgewms.board.analytics;
