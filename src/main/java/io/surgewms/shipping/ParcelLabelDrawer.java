package io.surgewms.shipping;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Surge's own drawing of a packed parcel's label (packing implements it), for a label a provider sold without
 * bytes: the own-account range gives only the number. Lets the buying worker print such a label for a parcel
 * packed while it was pending, without shipping reaching into packing.
 */
public interface ParcelLabelDrawer {

    byte[] drawZpl(Connection c, long shipmentId, int dpi) throws SQLException;
}
