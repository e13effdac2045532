/**
 * Packing: stations verify every unit by scan, suggest a carton, close parcels into shipments with
 * a tracking number and an SSCC, and queue the label at once; singles stations scan-and-ship.
 */
package io.surgewms.packing;
