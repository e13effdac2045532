package io.surgewms.packing;

import io.surgewms.barcode.Gtin;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The built-in "own account" carrier, serving every carrier code no other carrier claims: tracking
 * numbers from a database sequence (so instances never issue the same one), a configured prefix,
 * 10 digits and a mod-10 check digit.
 */
@ApplicationScoped
public class OwnCarrier implements Carrier {

    @ConfigProperty(name = "surge.carrier.own.prefix", defaultValue = "SW") String prefix;

    @Override
    public boolean serves(String carrierCode) {
        return true;
    }

    @Override
    public String nextTrackingNumber(Connection c) throws SQLException {
        String digits = String.format("%010d", next(c, "tracking_serial"));
        return prefix + digits + Gtin.checkDigit(digits);
    }

    static long next(Connection c, String sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select nextval('" + sequence + "')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
