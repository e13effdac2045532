package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Sql;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Takes what the webhooks missed. Every {@code surge.channels.reconcile.every} (5 minutes), each active
 * channel account lists the orders its channel changed since the account's watermark and applies each as
 * its webhook would. The window starts a little before the watermark ({@code overlap}: a channel's search
 * index trails its writes) and ends a little before now ({@code lag}); applying twice is harmless, as every
 * path is idempotent. A run counts as recovered the orders whose Surge status it changed (created, released,
 * cancelled), so the board shows what the webhooks had missed. Any instance may run it: an account is leased
 * by one conditional update, and a run that fails keeps the watermark, so the next run covers the window again.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    @Inject AgroalDataSource db;
    @Inject ChannelAccounts accounts;
    @Inject Instance<ChannelOrderFeed> feeds;

    @ConfigProperty(name = "surge.channels.reconcile.enabled", defaultValue = "true") boolean enabled;
    @ConfigProperty(name = "surge.channels.reconcile.first-lookback", defaultValue = "1h") Duration firstLookback;
    @ConfigProperty(name = "surge.channels.reconcile.overlap", defaultValue = "2m") Duration overlap;
    @ConfigProperty(name = "surge.channels.reconcile.lag", defaultValue = "10s") Duration lag;
    @ConfigProperty(name = "surge.channels.reconcile.max-orders", defaultValue = "2000") int maxOrders;

    /** What one account's run did. */
    public record Run(long accountId, String channel, String account, Instant since, Instant until, int seen, int recovered, String error) {}

    @Scheduled(every = "${surge.channels.reconcile.every:5m}", delayed = "${surge.channels.reconcile.delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled) return;
        for (long id : sql(c -> Jdbc.list(c, "select id from channel_account where active and channel in ('tiktok','shopify') order by id",
                rs -> rs.getLong(1)))) {
            try {
                Run r = run(id);
                if (r != null && (r.recovered() > 0 || r.error() != null)) LOG.infof("reconciliation: %s", r);
            } catch (RuntimeException e) {
                LOG.warnf("Reconciliation of channel account %d failed: %s", id, e.getMessage());
            }
        }
    }

    /** Runs the account's reconciliation now; null when another instance is running it or the channel has no feed. */
    public Run run(long accountId) {
        ChannelAccount a = accounts.byId(accountId);
        if (a == null) throw io.surgewms.platform.ProblemException.notFound("No channel account " + accountId);
        ChannelOrderFeed feed = feed(a.channel());
        if (feed == null || !a.active()) return null;
        Instant until = Instant.now().minus(lag);
        Lease lease = lease(accountId);
        if (!lease.taken()) return null;
        Instant since = lease.watermark().toInstant().minus(overlap);
        long runId = sql(c -> Jdbc.one(c, "insert into channel_reconciliation_run (account_id, since, until) values (?, ?, ?) returning id",
                rs -> rs.getLong(1), accountId, since, until));
        int seen = 0, recovered = 0;
        String error = null;
        try {
            List<ChannelOrderFeed.ChangedOrder> changed = feed.changed(a, since, until, maxOrders);
            seen = changed.size();
            Map<String, String> before = statuses(a, changed);
            for (ChannelOrderFeed.ChangedOrder o : changed) {
                try {
                    o.apply().get().toCompletableFuture().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                    error = "order " + o.externalId() + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                }
            }
            Map<String, String> after = statuses(a, changed);
            for (var e : after.entrySet()) if (!e.getValue().equals(before.get(e.getKey()))) recovered++;
            if (seen >= maxOrders && error == null) error = "more than " + maxOrders + " orders changed: the rest on the next run";
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        // The watermark moves only past a window that was fully applied; a failed run is covered again next time.
        int seenRun = seen, recoveredRun = recovered;
        String errorRun = error;
        sql(c -> {
            Jdbc.update(c, "update channel_reconciliation_run set finished_at = now(), orders_seen = ?, recovered = ?, error = ? where id = ?",
                    seenRun, recoveredRun, errorRun, runId);
            return Jdbc.update(c, "update channel_reconciliation set lease_until = null, last_error = ?,"
                    + " watermark = case when ? then ? else watermark end where account_id = ?", errorRun, errorRun == null, until, accountId);
        });
        return new Run(accountId, a.channel(), a.account(), since, until, seen, recovered, error);
    }

    /** The last runs, newest first, of every account or one. */
    public List<Run> runs(Long accountId, int limit) {
        return sql(c -> Jdbc.list(c, """
                select r.account_id, a.channel, a.account, r.since, r.until, r.orders_seen, r.recovered, r.error
                  from channel_reconciliation_run r join channel_account a on a.id = r.account_id
                 where cast(? as bigint) is null or r.account_id = ?
                 order by r.id desc limit ?""",
                rs -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getInt(6), rs.getInt(7), rs.getString(8)),
                accountId == null ? Jdbc.NULL_LONG : accountId, accountId == null ? Jdbc.NULL_LONG : accountId, Math.max(1, Math.min(limit, 500))));
    }

    private record Lease(boolean taken, OffsetDateTime watermark) {}


    /** Takes the account's lease for 10 minutes, unless another instance holds it. */
    private Lease lease(long accountId) {
        return sql(c -> {
            // An account's first run looks back first-lookback; a failed run leaves the watermark where it was.
            Jdbc.update(c, "insert into channel_reconciliation (account_id, watermark) values (?, ?) on conflict do nothing",
                    accountId, Instant.now().minus(firstLookback));
            List<Lease> taken = Jdbc.list(c, """
                    update channel_reconciliation set lease_until = now() + interval '10 minutes'
                     where account_id = ? and (lease_until is null or lease_until < now()) returning watermark""",
                    rs -> new Lease(true, rs.getObject(1, OffsetDateTime.class)), accountId);
            return taken.isEmpty() ? new Lease(false, null) : taken.get(0);
        });
    }

    private Map<String, String> statuses(ChannelAccount a, List<ChannelOrderFeed.ChangedOrder> changed) {
        Map<String, String> out = new HashMap<>();
        if (changed.isEmpty()) return out;
        List<String> ids = new ArrayList<>();
        for (ChannelOrderFeed.ChangedOrder o : changed) ids.add(o.externalId());
        for (String[] row : sql(c -> Jdbc.list(c, "select external_id, status from orders where shop_id = ? and channel = ? and external_id = any(?)",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, a.shopId(), a.channel(), Sql.texts(c, ids))))
            out.put(row[0], row[1]);
        return out;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Autocommit statements of the reconciliation's own bookkeeping. */
    private <T> T sql(Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private ChannelOrderFeed feed(String channel) {
        for (ChannelOrderFeed f : feeds) if (f.channel().equals(channel)) return f;
        return null;
    }
}
