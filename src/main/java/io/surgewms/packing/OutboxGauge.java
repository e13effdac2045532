package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code surge.outbox.unsent}: channel events (shipped + tracking, written at handover) not yet sent.
 * Counted on a schedule over the outbox_unsent partial index, never per scrape.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class OutboxGauge {

    private static final Logger LOG = Logger.getLogger(OutboxGauge.class);

    @Inject AgroalDataSource db;
    @Inject MeterRegistry meters;

    private final AtomicLong unsent = new AtomicLong();

    @PostConstruct
    void register() {
        Gauge.builder("surge.outbox.unsent", unsent, AtomicLong::get).description("Outbox events not yet sent to the channels")
                .strongReference(true).register(meters);
    }

    @Scheduled(every = "${surge.metrics.refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debug("Outbox gauge not refreshed: " + e.getMessage());
        }
    }

    /** Counts the unsent events and updates the gauge; answers the count. */
    public long refresh() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from outbox where sent_at is null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            unsent.set(rs.getLong(1));
            return unsent.get();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
