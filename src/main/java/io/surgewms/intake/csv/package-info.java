/**
 * Orders from a spreadsheet: a CSV file of order lines, grouped into orders by (shop, external id),
 * checked row by row; an order with any bad row is left out whole, the others go through intake.
 */
package io.surgewms.intake.csv;
