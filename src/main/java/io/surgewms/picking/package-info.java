/**
 * Picking: waves released by ship-by deadline, pick tasks with routed stops, claiming by pickers
 * (SKIP LOCKED), and the scan protocol that confirms every step and moves units from bin to tote.
 */
package io.surgewms.picking;
