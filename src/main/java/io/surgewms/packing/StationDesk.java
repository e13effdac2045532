package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.ScanText;
import io.surgewms.devices.DeviceScan;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.ScanLatency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A station driven by its serial scanner: the same meaning of a scan as the pack page gives it. With
 * nothing open a tote or order number opens the order; then each scan is a unit; {@code CLOSE} closes the
 * parcel (weight from the station's scale); at a singles station each scan ships an order. Every scan,
 * garbled ones too, is recorded with the scanner's name and its answer goes to the station's screen.
 */
@ApplicationScoped
public class StationDesk {

    private static final Logger LOG = Logger.getLogger(StationDesk.class);

    @Inject AgroalDataSource db;
    @Inject PackQueries queries;
    @Inject PackService packing;
    @Inject SinglesPacking singles;
    @Inject StationFeed feed;
    @Inject ScanLatency latency;

    void onScan(@Observes DeviceScan scan) {
        if (scan.station() == null) return;
        PackView.Answer answer = latency.time(ScanLatency.Source.SERIAL, scan.writtenAtNanos(), () -> handle(scan), PackView.Answer::accepted);
        feed.scanned(scan.station(), scan.device(), scan.code(), answer, scan.writtenAtNanos());
    }

    PackView.Answer handle(DeviceScan scan) {
        String station = scan.station(), device = scan.device();
        String packer = feed.packerAt(station).orElse(device);
        if (scan.garbled())
            return recorded(station, device, packer, scan.code(), PackView.Answer.reject("UNREADABLE",
                    "Scanner " + device + " sent something unreadable (" + scan.rejected() + "): scan again"));
        String code = ScanText.clean(scan.code());
        try {
            PackView.Answer single = singles.scanIfSingles(station, code, packer, device); // null: not a singles station
            if (single != null) return single;
            if ("CLOSE".equalsIgnoreCase(code)) return packing.close(station, packer, null, null);
            if (Gtin.looksLikeGtin(code) && !Gtin.isValid(code))
                return recorded(station, device, packer, code, PackView.Answer.reject("BAD_CHECK_DIGIT",
                        "Barcode " + code + " has a wrong check digit: scan again"));
            if (queries.openOrder(station) != null) return packing.scan(station, code, packer, device);
            PackView opened = packing.open(station, code, packer);
            return recorded(station, device, packer, code,
                    new PackView.Answer("ACCEPTED", null, "Order " + opened.orderId() + " open: scan each item", opened, null));
        } catch (ProblemException e) {
            return recorded(station, device, packer, code, PackView.Answer.reject(reason(e.problem().status()), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Scan %s at %s failed", code, station);
            return PackView.Answer.reject("ERROR", "The scan could not be handled: " + e.getMessage());
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            default -> "INVALID";
        };
    }

    private PackView.Answer recorded(String station, String device, String packer, String code, PackView.Answer a) {
        try (Connection c = db.getConnection()) {
            return PackScans.record(c, station, device, packer, code, null, a);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
