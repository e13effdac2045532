package io.surgewms.shipping.own;

import io.agroal.api.AgroalDataSource;
import io.surgewms.barcode.Gtin;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.ProblemException;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierProvider;
import io.surgewms.shipping.spi.LabelFormat;
import io.surgewms.shipping.spi.ParcelSpec;
import io.surgewms.shipping.spi.Rate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The built-in "own account" carrier: tracking numbers from the range the carrier granted
 * (surge.carrier.own.range-start/-end), drawn from a database sequence so instances never issue the same
 * one; a configured prefix, 10 digits and a mod-10 check digit. A new range with a higher start takes
 * over at once; a used-up range stops packing with a clear error rather than reuse a number.
 *
 * <p>Two ways in. A shop with no carrier account ships on it inline: packing draws the number in the
 * parcel's own transaction (the singles hot path). A shop that registers an {@code own} carrier account
 * puts it among its other providers: rate shopping weighs it (options carrier, service, costCents,
 * currency, transitDays) and the worker "buys" it like any label, one number per parcel key for ever
 * (table own_label); Surge draws the label itself when the parcel is packed.
 */
@ApplicationScoped
public class OwnCarrier implements CarrierProvider {

    @ConfigProperty(name = "surge.carrier.own.prefix", defaultValue = "SW") String prefix;
    @ConfigProperty(name = "surge.carrier.own.range-start", defaultValue = "1") long rangeStart;
    @ConfigProperty(name = "surge.carrier.own.range-end", defaultValue = "9999999999") long rangeEnd;

    @Inject AgroalDataSource db;

    @Override
    public String code() {
        return "own";
    }

    @Override
    public List<Rate> rates(CarrierCredentials account, ParcelSpec parcel) throws CarrierException {
        try {
            String days = account.option("transitDays", null);
            return List.of(new Rate(account.option("carrier", "OWN"), account.option("service", "STANDARD"),
                    Long.parseLong(account.option("costCents", "0")), account.option("currency", "USD"),
                    days == null ? null : Integer.valueOf(days), null, "own", null));
        } catch (NumberFormatException e) {
            throw new CarrierException(CarrierException.Kind.REJECTED, "own carrier account " + account.accountId()
                    + ": costCents and transitDays must be whole numbers");
        }
    }

    /** The parcel's number from the range: drawn once per parcel key, the same one on every repeat. No label bytes: Surge draws it at packing. */
    @Override
    public BoughtLabel buy(CarrierCredentials account, ParcelSpec parcel, Rate rate) throws CarrierException {
        try (Connection c = db.getConnection()) {
            String tracking = Jdbc.one(c, "select tracking_number from own_label where parcel_key = ?", rs -> rs.getString(1), parcel.key());
            if (tracking == null) {
                Jdbc.update(c, "insert into own_label (parcel_key, tracking_number) values (?, ?) on conflict (parcel_key) do nothing",
                        parcel.key(), nextTrackingNumber(c));
                tracking = Jdbc.one(c, "select tracking_number from own_label where parcel_key = ?", rs -> rs.getString(1), parcel.key());
            }
            return new BoughtLabel(tracking, tracking, rate.carrier(), rate.service(), rate.costCents(), rate.currency(), LabelFormat.ZPL, null, null);
        } catch (ProblemException e) {
            throw new CarrierException(CarrierException.Kind.REJECTED, e.getMessage());
        } catch (SQLException e) {
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, "own range: " + e.getMessage(), null, e);
        }
    }

    @Override
    public BoughtLabel sold(CarrierCredentials account, ParcelSpec parcel, Rate rate) throws CarrierException {
        try (Connection c = db.getConnection()) {
            String tracking = Jdbc.one(c, "select tracking_number from own_label where parcel_key = ?", rs -> rs.getString(1), parcel.key());
            return tracking == null ? null
                    : new BoughtLabel(tracking, tracking, rate.carrier(), rate.service(), rate.costCents(), rate.currency(), LabelFormat.ZPL, null, null);
        } catch (SQLException e) {
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, "own range: " + e.getMessage(), null, e);
        }
    }

    /** A number of the range is never used again: voiding it gives nothing back. */
    @Override
    public void voidLabel(CarrierCredentials account, BoughtLabel label) {
    }

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

    public static String trackingNumber(String prefix, long serial) {
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

    public static long next(Connection c, String sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select nextval('" + sequence + "')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
