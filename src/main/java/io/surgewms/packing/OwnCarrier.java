package io.surgewms.packing;

import io.surgewms.barcode.Gtin;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The built-in "own account" carrier, for shops that ship through no provider (io.surgewms.shipping): tracking
 * numbers from the range the carrier granted (surge.carrier.own.range-start/-end), drawn from a
 * database sequence so instances never issue the same one; a configured prefix, 10 digits and a
 * mod-10 check digit. A new range with a higher start takes over at once; a used-up range stops
 * packing with a clear error rather than reuse a number.
 */
@ApplicationScoped
public class OwnCarrier {

    @ConfigProperty(name = "surge.carrier.own.prefix", defaultValue = "SW") String prefix;
    @ConfigProperty(name = "surge.carrier.own.range-start", defaultValue = "1") long rangeStart;
    @ConfigProperty(name = "surge.carrier.own.range-end", defaultValue = "9999999999") long rangeEnd;

    /** A new, never-used tracking number, in the caller's transaction. */
    public String nextTrackingNumber(Connection c) throws SQLException {
        return trackingNumber(c, next(c, "tracking_serial"));
    }

    /** The tracking number for a serial the caller already drew from {@code tracking_serial} in its own statement. */
    public String trackingNumber(Connection c, long drawn) throws SQLException {
        long n = drawn;
        if (n < rangeStart) n = restart(c, rangeStart);
        if (n > rangeEnd)
            throw ProblemException.unavailable("The own-account range ends at " + rangeEnd + "; set surge.carrier.own.range-start/-end to the next range the carrier granted");
        return trackingNumber(prefix, n);
    }

    static String trackingNumber(String prefix, long serial) {
        String digits = String.format("%010d", serial);
        return prefix + digits + Gtin.checkDigit(digits);
    }

    /** Moves the sequence to a new range's start, once: callers that raced here serialise on a lock and draw past it. */
    private static long restart(Connection c, long start) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select pg_advisory_xact_lock(hashtext('tracking_serial')),
                       case when (select last_value from tracking_serial) < ? - 1 then setval('tracking_serial', ? - 1) end""")) {
            ps.setLong(1, start);
            ps.setLong(2, start);
            ps.execute();
        }
        return next(c, "tracking_serial");
    }

    static long next(Connection c, String sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select nextval('" + sequence + "')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
