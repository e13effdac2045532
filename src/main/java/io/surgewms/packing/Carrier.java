package io.surgewms.packing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A carrier as packing needs it: a tracking number for a new parcel. Cloud carriers (UPS, DHL, ...)
 * implement this with their label APIs; the built-in own-account carrier issues numbers from a range.
 */
public interface Carrier {

    /** Whether this carrier serves orders booked with that carrier code. */
    boolean serves(String carrierCode);

    /** A new, never-used tracking number, in the caller's transaction. */
    String nextTrackingNumber(Connection c) throws SQLException;
}
