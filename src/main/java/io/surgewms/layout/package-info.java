/**
 * The floor: layouts (rectangular zones of aisles, bays and levels) with their geometry, and the
 * locations (bins, totes, carts, staging lanes) with codes, coordinates and pick sequence.
 */
package io.surgewms.layout;
