package io.surgewms.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Sql;
import io.surgewms.platform.Tx;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierProvider;
import io.surgewms.shipping.spi.DayClose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Closing the day at the providers (EasyPost's scan form; none at Sendcloud v3 or TikTok): the handover writes
 * one row per manifest and account in its own transaction ({@link #plan}); a worker sends them, outside any
 * transaction, and keeps the document for the driver and the labels the provider left off it.
 */
@ApplicationScoped
public class DayCloses {

    private static final Logger LOG = Logger.getLogger(DayCloses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject AgroalDataSource db;
    @Inject CarrierAccounts accounts;
    @Inject CarrierGuards guards;
    @Inject Instance<CarrierProvider> providers;

    @ConfigProperty(name = "surge.shipping.day-close.enabled", defaultValue = "true") boolean enabled;

    public record DayCloseView(long id, long manifestId, String provider, Long accountId, String status, String reference,
                               String format, boolean document, Object leftOut, int attempts, String lastError, Instant closedAt) {}

    /** The manifest's parcels on bought labels, one row per provider account, in the handover's transaction. */
    public void plan(Connection c, long manifestId) throws SQLException {
        Jdbc.update(c, """
                insert into carrier_day_close (manifest_id, provider, carrier_account_id)
                select distinct sh.manifest_id, pl.provider, pl.carrier_account_id
                  from shipment sh join parcel_label pl on pl.shipment_id = sh.id and pl.status = 'BOUGHT'
                 where sh.manifest_id = ?
                on conflict do nothing""", manifestId);
    }

    @Scheduled(every = "${surge.shipping.day-close.every:10s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!enabled) return;
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Day close run failed; the next run goes on", e);
        }
    }

    /** Sends the due day closes; answers how many were tried. */
    public int runOnce() {
        List<long[]> due;
        try (Connection c = db.getConnection()) {
            due = Jdbc.list(c, """
                    update carrier_day_close d set next_attempt = now() + interval '5 minutes', attempts = d.attempts + 1
                      from (select id from carrier_day_close where status = 'PENDING' and next_attempt <= now()
                             order by next_attempt, id limit 20 for update skip locked) x
                     where d.id = x.id returning d.id, d.manifest_id""", rs -> new long[] {rs.getLong(1), rs.getLong(2)});
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        for (long[] d : due) {
            try {
                close(d[0], d[1]);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        }
        return due.size();
    }

    private void close(long id, long manifestId) throws SQLException {
        String provider;
        Long accountId;
        long shopId;
        List<BoughtLabel> labels;
        try (Connection c = db.getConnection()) {
            Object[] row = Jdbc.one(c, """
                    select d.provider, d.carrier_account_id, (select o.shop_id from shipment sh join orders o on o.id = sh.order_id
                                                               where sh.manifest_id = d.manifest_id limit 1)
                      from carrier_day_close d where d.id = ?""", rs -> new Object[] {rs.getString(1), Jdbc.longOrNull(rs, 2), rs.getLong(3)}, id);
            provider = (String) row[0];
            accountId = (Long) row[1];
            shopId = (Long) row[2];
            labels = Jdbc.list(c, """
                    select pl.provider_ref, pl.tracking_number, pl.carrier, pl.service, coalesce(pl.cost_cents, 0), pl.currency
                      from shipment sh join parcel_label pl on pl.shipment_id = sh.id and pl.status = 'BOUGHT'
                     where sh.manifest_id = ? and pl.provider = ? and pl.carrier_account_id is not distinct from ?""",
                    rs -> new BoughtLabel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                            null, null, null), manifestId, provider, accountId == null ? Jdbc.NULL_LONG : accountId);
        }
        try {
            CarrierCredentials account;
            if ("tiktok".equals(provider)) account = accounts.tiktokFor(shopId);
            else try (Connection c = db.getConnection()) {
                account = accounts.credentials(c, accountId);
            }
            CarrierProvider p = providers.stream().filter(x -> x.code().equals(provider)).findFirst()
                    .orElseThrow(() -> new CarrierException(CarrierException.Kind.REJECTED, "no provider " + provider));
            CarrierCredentials a = account;
            DayClose done = guards.call(a, () -> p.closeDay(a, labels), DayClose.class);
            update("""
                    update carrier_day_close set status = ?, reference = ?, format = ?, document = ?, left_out = cast(? as jsonb), closed_at = now(),
                           last_error = null where id = ?""", done.issued() ? "CLOSED" : "NONE", done.reference(), done.format(), done.document(),
                    JSON.writeValueAsString(done.leftOut()), id);
        } catch (CarrierException e) {
            if (e.retryable()) update("update carrier_day_close set next_attempt = now() + cast(? as interval), last_error = ? where id = ?",
                    LabelBuyer.backoff(attempts(id), e.retryAfter()).toMillis() + " milliseconds", e.getMessage(), id);
            else update("update carrier_day_close set status = 'FAILED', last_error = ? where id = ?", e.getMessage(), id);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<DayCloseView> forManifest(long manifestId) {
        try (Connection c = db.getConnection()) {
            return Jdbc.list(c, """
                    select id, manifest_id, provider, carrier_account_id, status, reference, format, document is not null, left_out::text,
                           attempts, last_error, closed_at from carrier_day_close where manifest_id = ? order by id""",
                    rs -> new DayCloseView(rs.getLong(1), rs.getLong(2), rs.getString(3), Jdbc.longOrNull(rs, 4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getBoolean(8), leftOut(rs.getString(9)), rs.getInt(10),
                            rs.getString(11), Sql.instant(rs, 12)), manifestId);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private static Object leftOut(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }

    /** The document a provider issued (the scan form the driver signs). */
    public byte[] document(long id) {
        try (Connection c = db.getConnection()) {
            byte[] d = Jdbc.one(c, "select document from carrier_day_close where id = ?", rs -> rs.getBytes(1), id);
            if (d == null) throw ProblemException.notFound("No day-close document " + id);
            return d;
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private int attempts(long id) throws SQLException {
        try (Connection c = db.getConnection()) {
            return Jdbc.one(c, "select attempts from carrier_day_close where id = ?", rs -> rs.getInt(1), id);
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection()) {
            Jdbc.update(c, sql, args);
        }
    }
}
