package io.surgewms.packing;

import io.surgewms.barcode.Gtin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The built-in "own account" carrier: tracking numbers from a database sequence, so any number of
 * instances never issue the same one: prefix + 10 digits + a mod-10 check digit.
 */
final class OwnCarrier {
    private OwnCarrier() {}

    static String nextTracking(Connection c, String prefix) throws SQLException {
        long n = next(c, "tracking_serial");
        String digits = String.format("%010d", n);
        return prefix + digits + Gtin.checkDigit(digits);
    }

    static long next(Connection c, String sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select nextval('" + sequence + "')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
