/**
 * Pick-route computation on the rectilinear aisle / cross-aisle graph of a {@link io.surgewms.layout.LayoutGeometry}.
 * Pure Java, no database or CDI: the picking module passes the stops of a pick list and gets a visiting order back.
 */
package io.surgewms.picking.routing;
