package io.surgewms.intake.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.inventory.stocksync.StockLevelsQueued;
import io.surgewms.platform.Tx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox to the channels. Any instance may run it: a run claims due, unsent rows with
 * {@code FOR UPDATE SKIP LOCKED} and leases them (next_attempt moves past the lease) in one short
 * statement, then calls each row's channel without holding a transaction; a crash mid-call leaves the
 * row to be claimed again when its lease runs out (channels take repeats of the same tracking number).
 * The lease is short (15 s) and renewed every 5 s while the call lasts: a slow channel keeps its row, while
 * a crashed instance's rows come back within seconds. With a 2-minute lease, a kill -9 during a send froze
 * those stock levels for 2 minutes while the channels kept selling the units (spike drill, issue 19).
 * <p>
 * The account is outbox.account_id, or for {@code shipment.shipped} the active account of the order's
 * shop on the order's channel. A row with no account (an order that came by the API or CSV, a shop
 * without a channel account) has nowhere to go: it is marked sent with a note in last_error
 * ("nothing to send: ..."), so the unsent count means "waiting for a channel". A failure (the channel
 * down, no client for the channel yet) counts an attempt and waits 10 s, 20 s, 40 s … up to 10 minutes.
 * A run sends its rows {@code surge.channels.sender.parallel} at a time (4): a channel's API answers in
 * tens to hundreds of ms, and one at a time would fall behind a floor shipping 30 parcels a second.
 * <p>
 * A channel's "too many calls" (RATE_LIMITED) pauses the whole account until its Retry-After (or the backoff):
 * the row waits until then, and the account's other rows are held without a call (channel_account.paused_until,
 * seen by every instance). Each account's calls go through its circuit breaker ({@link ChannelGuards}); an open
 * breaker holds the row for the breaker's delay without calling. Held rows count no attempt.
 * <p>
 * Stock levels do not wait for the tick: when this instance's stock sync has queued levels ({@link StockLevelsQueued}),
 * a run starts at once (one at a time, another asked for meanwhile follows it). Two channels selling the same last
 * units each sell what they were last told, so every second a level waits is units sold twice.
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A FROM item that commits its statement's (autocommit) transaction without waiting for the WAL flush. */
    static final String ASYNC = "(select set_config('synchronous_commit', 'off', true)) async";
    static final Duration FIRST_RETRY = Duration.ofSeconds(10), MAX_RETRY = Duration.ofMinutes(10), LEASE = Duration.ofSeconds(15);

    @Inject AgroalDataSource db;
    @Inject ChannelAccounts accounts;
    @Inject Instance<ChannelClient> clients;
    @Inject ChannelGuards guards;

    @ConfigProperty(name = "surge.channels.sender.enabled", defaultValue = "true") boolean enabled;
    @ConfigProperty(name = "surge.channels.sender.batch", defaultValue = "50") int batch;
    @ConfigProperty(name = "surge.channels.sender.parallel", defaultValue = "4") int parallel;

    private ExecutorService senders, wakes;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** Rows this instance is sending now: their leases are renewed until each has its outcome. */
    final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<Long, Instant> paused = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        senders = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "outbox-sender");
            t.setDaemon(true);
            return t;
        });
        wakes = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-wake");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        wakes.shutdownNow();
        senders.shutdownNow();
    }

    /** Stock levels were queued and committed: send now. At most one wake waits; it runs after the one in progress. */
    void onStockLevels(@Observes StockLevelsQueued queued) {
        if (!enabled || !wakePending.compareAndSet(false, true)) return;
        try {
            wakes.execute(() -> {
                wakePending.set(false);
                tick();
            });
        } catch (RejectedExecutionException shuttingDown) {
            wakePending.set(false);
        }
    }

    /** held: rows put back without a call (account paused, breaker open). */
    public record Run(int claimed, int sent, int nothingToSend, int failed, int held) {}

    record Event(long id, String topic, String payload, Long accountId, int attempts) {}

    @Scheduled(every = "${surge.channels.sender.every:5s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!enabled) return;
        try {
            Run r;
            do r = runOnce(); while (r.claimed() == batch);
        } catch (RuntimeException e) {
            LOG.warn("Outbox sender run failed; the next run goes on", e);
        }
    }

    /** Keeps the leases of the rows being sent (a channel call may take longer than a lease); never shortens a wait. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        if (inFlight.isEmpty()) return;
        try {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update outbox set next_attempt = greatest(next_attempt, now() + cast(? as interval)) from " + ASYNC
                            + " where id = any(?) and sent_at is null")) {
                ps.setString(1, LEASE.toSeconds() + " seconds");
                ps.setArray(2, c.createArrayOf("bigint", inFlight.toArray()));
                ps.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Outbox leases not renewed; a row whose lease runs out may be sent twice", e);
        }
    }

    /** One claim of up to a batch of due events, each sent or rescheduled; several at once, as channels answer slowly. */
    public Run runOnce() {
        List<Event> due = claim();
        Map<String, ChannelClient> byChannel = new HashMap<>();
        for (ChannelClient c : clients) byChannel.put(c.channel(), c);
        List<Callable<Outcome>> work = new ArrayList<>();
        for (Event e : due) {
            inFlight.add(e.id());
            work.add(() -> {
                try {
                    return send(e, byChannel);
                } finally {
                    inFlight.remove(e.id());
                }
            });
        }
        int sent = 0, nothing = 0, failed = 0, held = 0;
        try {
            for (Future<Outcome> f : senders.invokeAll(work)) {
                switch (outcome(f)) {
                    case SENT -> sent++;
                    case NOTHING -> nothing++;
                    case FAILED -> failed++;
                    case HELD -> held++;
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt(); // unsent rows come back when their lease runs out
        } finally {
            for (Event e : due) inFlight.remove(e.id()); // a task cancelled before it started holds no lease
        }
        return new Run(due.size(), sent, nothing, failed, held);
    }

    private enum Outcome { SENT, NOTHING, FAILED, HELD }

    private static Outcome outcome(Future<Outcome> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException ex) { // a database error while recording: the lease brings the row back
            LOG.warn("Outbox event not recorded; it comes back when its lease runs out", ex.getCause());
            return Outcome.FAILED;
        }
    }

    private Outcome send(Event e, Map<String, ChannelClient> byChannel) {
        ChannelAccount a;
        try {
            a = account(e);
        } catch (RuntimeException ex) {
            failed(e, "could not resolve the account: " + ex.getMessage());
            return Outcome.FAILED;
        }
        if (a == null || !a.active()) {
            done(e, "nothing to send: " + (a == null ? "no channel account for this event" : "account " + a.id() + " is inactive"));
            return Outcome.NOTHING;
        }
        ChannelClient client = byChannel.get(a.channel());
        if (client == null) {
            failed(e, "no client for channel " + a.channel());
            return Outcome.FAILED;
        }
        Instant paused = pausedUntil(a);
        if (paused != null) {
            hold(e, paused, a.channel() + " account " + a.id() + " asked for fewer calls: held until " + paused);
            return Outcome.HELD;
        }
        try {
            JsonNode payload = JSON.readTree(e.payload());
            guards.call(a, () -> {
                client.send(a, e.topic(), payload);
                return null;
            });
            done(e, null);
            return Outcome.SENT;
        } catch (ChannelException ex) {
            if (ChannelGuards.open(ex)) {
                hold(e, Instant.now().plus(ex.retryAfter()), ex.getMessage());
                return Outcome.HELD;
            }
            if (ex.kind() == ChannelException.Kind.RATE_LIMITED) {
                Duration wait = ex.retryAfter() != null && !ex.retryAfter().isNegative() ? ex.retryAfter() : backoff(e.attempts() + 1);
                Instant until = Instant.now().plus(wait);
                pause(a, until);
                failed(e, ex.getMessage(), wait);
                return Outcome.FAILED;
            }
            failed(e, ex.kind() + ": " + ex.getMessage());
            return Outcome.FAILED;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failed(e, "interrupted");
            return Outcome.FAILED;
        } catch (Exception ex) {
            failed(e, ex.getMessage() == null ? ex.toString() : ex.getMessage());
            return Outcome.FAILED;
        }
    }

    private List<Event> claim() {
        List<Event> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update outbox o set next_attempt = now() + cast(? as interval)
                  from (select id from outbox where sent_at is null and next_attempt <= now()
                         order by next_attempt, id limit ? for update skip locked) d
                 where o.id = d.id
                returning o.id, o.topic, o.payload::text, o.account_id, o.attempts""")) {
            ps.setString(1, LEASE.toSeconds() + " seconds");
            ps.setInt(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4), rs.getInt(5)));
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        out.sort((x, y) -> Long.compare(x.id(), y.id()));
        return out;
    }

    private ChannelAccount account(Event e) throws RuntimeException {
        if (e.accountId() != null) return accounts.byId(e.accountId());
        if (!e.topic().equals("shipment.shipped")) return null;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select o.shop_id, o.channel from orders o where o.id = cast(cast(? as jsonb)->>'orderId' as bigint)")) {
            ps.setString(1, e.payload());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return accounts.activeFor(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException ex) {
            throw Tx.unchecked(ex);
        }
    }

    /**
     * Sent — unless the event changed while it was on its way (stock sync rewrites an unsent stock level
     * with the latest one): then the channel has an older value, and the row goes out again at once.
     */
    private void done(Event e, String note) {
        int marked = update("update outbox set sent_at = now(), attempts = attempts + 1, last_error = ? from " + ASYNC + " where id = ? and payload = cast(? as jsonb)",
                note, e.id(), e.payload());
        if (marked == 0)
            update("update outbox set attempts = attempts + 1, next_attempt = now(), last_error = 'changed while sending: sent again' from " + ASYNC
                    + " where id = ? and sent_at is null",
                    e.id());
    }

    private void failed(Event e, String error) {
        failed(e, error, backoff(e.attempts() + 1));
    }

    private void failed(Event e, String error, Duration wait) {
        LOG.debugf("Outbox event %d (%s) not delivered: %s", e.id(), e.topic(), error);
        update("update outbox set attempts = attempts + 1, last_error = ?, next_attempt = now() + cast(? as interval) from " + ASYNC + " where id = ?",
                clip(error), wait.toMillis() + " milliseconds", e.id());
    }

    /** Put back without a call: no attempt counted. */
    private void hold(Event e, Instant until, String why) {
        update("update outbox set last_error = ?, next_attempt = ? from " + ASYNC + " where id = ?", clip(why), Timestamp.from(until), e.id());
    }

    /** Held until then on this instance at once, and on the others through the account row. */
    private void pause(ChannelAccount a, Instant until) {
        paused.merge(a.id(), until, (x, y) -> x.isAfter(y) ? x : y);
        update("update channel_account set paused_until = greatest(coalesce(paused_until, ?), ?) where id = ?", Timestamp.from(until), Timestamp.from(until), a.id());
    }

    /** When the account's pause ends, or null when it is not paused. */
    private Instant pausedUntil(ChannelAccount a) {
        Instant now = Instant.now(), here = paused.get(a.id()), there = a.pausedUntil();
        Instant until = here == null ? there : there == null || here.isAfter(there) ? here : there;
        if (here != null && !here.isAfter(now)) paused.remove(a.id(), here);
        return until != null && until.isAfter(now) ? until : null;
    }

    private static String clip(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    /** Wait before the next try after this many failed attempts: 10 s doubling, at most 10 minutes. */
    static Duration backoff(int attempts) {
        if (attempts >= 20) return MAX_RETRY;
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.max(0, attempts - 1));
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }

    /**
     * The outbox's own bookkeeping, committed without waiting for the WAL flush: lost in a PostgreSQL crash it
     * only means a row is sent again (channels take repeats) or retried sooner, and it keeps ~30 commits a second
     * of a spike out of the flush queue the floor waits in ({@link #ASYNC} in each statement's FROM).
     */
    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        } catch (SQLException ex) {
            throw Tx.unchecked(ex);
        }
    }
}
