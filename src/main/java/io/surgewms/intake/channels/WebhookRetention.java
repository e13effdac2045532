package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets webhooks older than the retention ({@code surge.channels.webhook.retention}): the log rows and the
 * deliveries remembered against re-delivery. Nothing else reads them (the board does not; the log is for looking
 * into recent calls). Any instance may run it at any time: each batch is its own short transaction over rows
 * claimed with SKIP LOCKED, so two instances purging at once share the work and a big purge never holds locks long.
 */
@ApplicationScoped
public class WebhookRetention {

    private static final Logger LOG = Logger.getLogger(WebhookRetention.class);

    @Inject AgroalDataSource db;

    @ConfigProperty(name = "surge.channels.webhook.retention", defaultValue = "30D") Duration retention;
    @ConfigProperty(name = "surge.channels.webhook.purge.enabled", defaultValue = "true") boolean enabled;
    @ConfigProperty(name = "surge.channels.webhook.purge.batch", defaultValue = "1000") int batch;

    public record Purge(long webhooks, long deliveries) {}

    @Scheduled(every = "${surge.channels.webhook.purge.every:1h}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!enabled) return;
        try {
            Purge p = purge(Instant.now().minus(retention));
            if (p.webhooks() + p.deliveries() > 0)
                LOG.infof("Purged %d webhooks and %d remembered deliveries older than %s", p.webhooks(), p.deliveries(), retention);
        } catch (RuntimeException e) {
            LOG.warn("Webhook purge failed; the next run goes on", e);
        }
    }

    /** Deletes everything received before the cutoff, a batch at a time. */
    public Purge purge(Instant cutoff) {
        long webhooks = 0, deliveries = 0;
        int n;
        do {
            n = delete("""
                    delete from channel_webhook where id in (
                        select id from channel_webhook where received_at < ? order by received_at limit ? for update skip locked)""", cutoff);
            webhooks += n;
        } while (n == batch);
        do {
            n = delete("""
                    delete from channel_webhook_delivery where (account_id, delivery_id) in (
                        select account_id, delivery_id from channel_webhook_delivery where received_at < ?
                         order by received_at limit ? for update skip locked)""", cutoff);
            deliveries += n;
        } while (n == batch);
        return new Purge(webhooks, deliveries);
    }

    private int delete(String sql, Instant cutoff) {
        try (Connection c = db.getConnection()) {
            return Jdbc.update(c, sql, cutoff, batch);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }
}
