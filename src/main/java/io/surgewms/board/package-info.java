/**
 * The supervisor's live board: backlog, waves, orders at risk of missing their cutoff, pickers, pack
 * stations, exceptions, device health and viral SKUs, computed from the database and pushed to every
 * open board when any instance changes the floor (a change counter in PostgreSQL, polled). Reads everything;
 * nothing depends on it.
 */
package io.surgewms.board;
