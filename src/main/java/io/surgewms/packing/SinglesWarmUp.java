package io.surgewms.packing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.surgewms.barcode.Sscc;
import io.surgewms.labels.ShippingLabel;
import io.surgewms.platform.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Warms the singles scan lane before the serial scanners open. After a start (a restart in the middle of a spike
 * included) the first scans otherwise meet interpreted code, database sessions still to be opened and sessions that
 * have parsed nothing yet: in the spike drill those first scans were the slowest of the run (100–300 ms, against a
 * p50 of ~10 ms). Reads and plans only: nothing is claimed, drawn, written or recorded.
 */
@ApplicationScoped
class SinglesWarmUp {

    private static final Logger LOG = Logger.getLogger(SinglesWarmUp.class);
    private static final String PACKER = "warm-up";

    @Inject AgroalDataSource db;
    @Inject SinglesPacking singles;
    @Inject ShipmentLabels labels;
    @Inject ObjectMapper json;

    /** Database sessions opened and warmed at once: about the scanners that may scan together after a restart. */
    @ConfigProperty(name = "surge.warm-up.connections", defaultValue = "8") int connections;
    @ConfigProperty(name = "surge.warm-up.enabled", defaultValue = "true") boolean enabled;

    // Before DeviceRuntime opens the ports (default observer priority 2500), after intake's writers (100).
    void onStart(@Observes @Priority(200) StartupEvent ev) {
        if (enabled) warm();
    }

    int connections() {
        return connections;
    }

    /** The database sessions warmed; 0 when the warm-up failed (logged: a cold first scan, nothing worse). */
    int warm() {
        long t = System.nanoTime();
        try {
            String station = aSinglesStation();
            List<CompletableFuture<Void>> sessions = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(connections); // together, so the pool opens that many sessions
            try {
                for (int i = 0; i < connections; i++) sessions.add(CompletableFuture.runAsync(() -> warmSession(station), threads));
                renderAndAnswer(300);
                CompletableFuture.allOf(sessions.toArray(CompletableFuture[]::new)).join();
            } finally {
                threads.shutdown();
            }
            LOG.infof("Singles scan lane warmed in %.0f ms (%d database sessions)", (System.nanoTime() - t) / 1e6, connections);
            return connections;
        } catch (RuntimeException e) {
            LOG.warnf("Singles scan lane not warmed: %s", e.getMessage());
            return 0;
        }
    }

    private String aSinglesStation() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select code from pack_station where kind = 'SINGLES' and active order by code limit 1"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The claim, as an unreadable scan takes it: the query runs whole but its item list is empty, so it reads the station
     * only. Six times, so the driver turns it into a server-side prepared statement as it does on the floor. The write is
     * planned, not run (EXPLAIN), which loads its tables into the session's caches.
     */
    private void warmSession(String station) {
        try (Connection c = db.getConnection()) {
            for (int i = 0; i < 6; i++) {
                try {
                    singles.shipOne(c, station == null ? "" : station, "", PACKER, null);
                } catch (ProblemException noStation) {
                    // no singles station yet: the query was still parsed and run
                }
            }
            try (PreparedStatement ps = c.prepareStatement("explain " + SinglesPacking.WRITE)) {
                int n = ps.getParameterMetaData().getParameterCount();
                for (int i = 1; i <= n; i++) ps.setNull(i, ps.getParameterMetaData().getParameterType(i));
                ps.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The Java half: a label rendered at both resolutions and an answer serialised as the station's feed sends it. */
    private void renderAndAnswer(int rounds) {
        ShippingLabel.Address to = new ShippingLabel.Address("Warm Up", List.of("1 Main Street"), "Austin", "TX", "78701", "US");
        PackView after = new PackView("WARM", 1, "WARM-1", "warm", "PACKED", 1, List.of(new PackView.Line("WARM-SKU", "Warm-up", 1, 1, 0)), null, 100);
        for (int i = 0; i < rounds; i++) {
            String sscc = Sscc.of(0, labels.companyPrefix(), 1 + i);
            ShippingLabel label = labels.label("OWN", "STD", "SW0000000001" + (i % 10), sscc, 120, 1, 1, "WARM-" + i, "Warm shop", to);
            labels.zpl(label, i % 2 == 0 ? 203 : 300);
            try {
                json.writeValueAsString(new StationFeed.Message("scan", "WARM", "WARM-SCANNER", "0000000000000",
                        new PackView.Answer("ACCEPTED", null, "Order 1 packed", after, (long) i), null, null, null, null, 1.0, 1L));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
