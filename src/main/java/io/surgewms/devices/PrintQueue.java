package io.surgewms.devices;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.devices.print.InFlight;
import io.surgewms.devices.print.PrinterBoard;
import io.surgewms.devices.print.PrinterTarget;
import io.surgewms.devices.printer.Delivery;
import io.surgewms.devices.serial.PortOwners;
import io.surgewms.devices.serial.SerialPrinterTransport;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends queued label jobs to their printers, one printer (target) at a time and in id order.
 *
 * <p>Per target only the oldest QUEUED job may go (head of line): a printer that is off keeps its
 * head job QUEUED with attempts, error and a back-off (capped at 30 s), which holds back the later
 * jobs of that printer, and they leave in id order once it is back. Jobs are never FAILED for a
 * printer being off (invariant 6).
 *
 * <p>One sender per target, across instances: a sender takes the session-level
 * {@code pg_try_advisory_lock} on the target (another instance serving it: skip) and holds it over
 * two transactions and the send between them (a killed instance's session ends, which frees it).
 * The first commits the intent before any byte leaves: {@code sending_since} and the printer's label
 * counter ({@link InFlight}). The second records the outcome and clears the intent. So a crash between
 * the printer taking the bytes and the commit leaves a job that says it was in flight, and the next
 * sender asks the printer's counter: moved by the job's labels → SENT ({@code CONFIRMED_BY_COUNTER}),
 * not printed again; unmoved → sent; a printer without a counter (serial, bare address, {@code
 * options.counter = false}, old firmware) → HELD with a message to check the printer, for a person to
 * retry or reprint. A printer that does not answer keeps the job QUEUED and in flight until it does.
 *
 * <p>Outcomes: CONFIRMED/WRITTEN → SENT. UNREACHABLE → QUEUED and retried (nothing left this machine).
 * UNCONFIRMED → QUEUED; it is resent only after the printer answered {@code ~HS} again, so a hung
 * printer is not filled with copies (a printer without ~HS is resent after its back-off). A printer
 * that is disabled, unregistered or misconfigured keeps its jobs QUEUED with that error, so fixing
 * the device prints them in order; nothing turns FAILED on its own. Residual duplicates: a printer
 * that took the bytes but went silent (some firmware stops answering ~HS while paper out) prints the
 * label again when resent after an UNCONFIRMED send. The other way round, a counter moved by
 * something else than this queue between a crash and the check (a label printed from the printer's
 * panel) passes a label that never arrived as SENT. Apart from that, a label in doubt is HELD, visibly.
 *
 * A printer whose last status says paper out, head open or paused is still sent to: Zebra-style
 * printers buffer the job and print it once fixed, and the send's ~HS answer keeps its status current.
 *
 * <p>Different printers are served concurrently by a small pool, so one dead printer stalls only its own
 * queue. {@link #wake()} starts a round at once (packing calls it after its commit); a tick every second
 * catches the rest (back-offs, other instances' jobs).
 */
@ApplicationScoped
public class PrintQueue {

    private static final Logger LOG = Logger.getLogger(PrintQueue.class);
    static final int SENDERS = 4;
    /** Jobs one sender sends to a printer before giving its thread back. */
    static final int TURN = 20;
    /** Advisory lock namespace of the print queue (first key of the two-int lock). */
    public static final int LOCK_SPACE = 0x5052;

    /** Label jobs by outcome ({@code surge.print.jobs}); a person's retry and reprint are counted in PrintJobs. */
    public static final String JOBS = "surge.print.jobs";

    @Inject AgroalDataSource db;
    @Inject MeterRegistry meters;

    private final Map<String, Future<Integer>> sending = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeAsked = new AtomicBoolean();
    private final SerialPrinterTransport serialPort = new SerialPrinterTransport(PortOwners.shared(), Duration.ofSeconds(5));
    private ExecutorService senders, waker;
    private Counter sent, failed, held;
    /** When the last round of the queue ended ({@link System#nanoTime()}): a round that stops coming means a stuck queue. */
    private volatile long lastRound;

    @PostConstruct
    void start() {
        senders = Executors.newFixedThreadPool(SENDERS, r -> daemon(r, "print-sender"));
        waker = Executors.newSingleThreadExecutor(r -> daemon(r, "print-waker"));
        sent = jobs(meters, "sent");
        failed = jobs(meters, "failed");
        held = jobs(meters, "held");
        lastRound = System.nanoTime();
    }

    /** The label-job counter of one outcome (one description for all, as Prometheus has one HELP per name). */
    public static Counter jobs(MeterRegistry meters, String outcome) {
        return Counter.builder(JOBS).tag("outcome", outcome)
                .description("Label jobs: sent, failed send attempts (retried later), held for want of a printer, retried and reprinted by a person")
                .register(meters);
    }

    /** What the readiness check needs to tell a working queue from a dead one. */
    public record Workers(boolean sendersRunning, boolean wakerRunning, int sendersBusy, Duration sinceRound) {}

    public Workers workers() {
        int busy = senders instanceof java.util.concurrent.ThreadPoolExecutor pool ? pool.getActiveCount() : 0;
        return new Workers(!senders.isShutdown(), !waker.isShutdown(), busy, Duration.ofNanos(System.nanoTime() - lastRound));
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
        senders.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            dispatch(TURN);
        } catch (RuntimeException e) {
            LOG.warn("Print queue: " + e.getMessage());
        } finally {
            lastRound = System.nanoTime(); // a failed round (database away) still shows the loop is alive
        }
    }

    /** Starts a round now, without waiting for it; call after the transaction that queued a job committed. */
    public void wake() {
        if (!wakeAsked.compareAndSet(false, true)) return; // a round is about to start anyway
        waker.execute(() -> {
            wakeAsked.set(false);
            tick();
        });
    }

    /** Starts sends for due printers and waits for every send of this instance; answers the labels sent. */
    public int drain(int max) {
        int sent = 0;
        for (Future<Integer> f : dispatch(Math.max(1, max))) {
            try {
                sent += f.get();
            } catch (ExecutionException e) {
                LOG.warn("Print queue: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return sent;
    }

    /** One sender per due target not already being served here; answers every send in flight. */
    private synchronized List<Future<Integer>> dispatch(int turn) {
        for (String target : dueTargets()) {
            Future<Integer> f = sending.get(target);
            if (f == null || f.isDone()) sending.put(target, senders.submit(() -> serve(target, turn)));
        }
        sending.values().removeIf(Future::isDone);
        return new ArrayList<>(sending.values());
    }

    /** Targets whose head (oldest QUEUED) job is due; QUEUED jobs without any printer are HELD instead. */
    private List<String> dueTargets() {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    update print_job set status = 'HELD', last_error = 'no printer for this label: download it or give it a printer'
                     where status = 'QUEUED' and target is null""")) {
                int n = ps.executeUpdate();
                if (n > 0) held.increment(n);
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select h.target from (select target, min(id) as id from print_job where status = 'QUEUED' group by target) h
                      join print_job j on j.id = h.id where j.next_attempt <= now() order by h.id""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /** Sends this printer's due jobs in id order until one does not go out; answers how many went. */
    private int serve(String target, int turn) {
        int sent = 0;
        while (sent < turn && sendHead(target)) sent++;
        return sent;
    }

    private record Head(long id, byte[] payload, int attempts, String lastOutcome, boolean inFlight, InFlight.Before before) {}

    /** Sends the target's head job if it is due and no one else serves the target; true when it was delivered. */
    private boolean sendHead(String target) {
        try (Connection c = db.getConnection()) {
            if (!lockTarget(c, target)) return false; // another sender (or the status poller) has this printer
            try {
                c.setAutoCommit(false);
                return sendHead(c, target);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                unlockTarget(c, target);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Under the target's session lock: the first transaction decides and commits the intent
     * ({@code sending_since}, the printer's count), then the bytes leave, then the second records
     * the outcome. A job found with an intent was cut off by a crash: its printer is asked first.
     */
    private boolean sendHead(Connection c, String target) throws SQLException {
        Head job = head(c, target);
        if (job == null) { c.rollback(); return false; }
        PrinterTarget printer = PrinterTarget.load(c, target);
        Delivery d = printer.unusable() != null ? Delivery.unreachable(printer.unusable()) : null;
        if (d == null && job.inFlight()) {
            InFlight.Check check = InFlight.check(printer, job.before(), job.payload());
            switch (check.verdict()) {
                case ARRIVED -> { return settled(c, job, printer, true, null); }
                case HOLD -> { return settled(c, job, printer, false, check.why()); }
                case AWAY -> d = check.away();
                case RESEND -> { /* it never reached the printer: send it as any other */ }
            }
        }
        if (d == null && !resendable(c, printer, job)) d = Delivery.unconfirmed("unconfirmed: an earlier send was not confirmed and "
                + printer.label() + " still does not answer ~HS; not resent, to avoid a second copy");
        boolean sentNow = false;
        if (d == null) {
            try {
                InFlight.mark(c, job.id(), InFlight.before(printer));
                c.commit(); // from here a crash leaves the intent, never a silent second copy
                d = printer.send(job.payload(), serialPort);
                sentNow = true;
            } catch (java.net.ConnectException e) {
                d = Delivery.unreachable("printer " + e.getMessage());
            }
        }
        record(c, job.id(), d, sentNow);
        if (printer.device() != null && printer.unusable() == null) deviceSaw(c, printer.device(), d);
        c.commit();
        (d.delivered() ? sent : failed).increment();
        if (!d.delivered()) LOG.warnf("Label job %d not printed (attempt %d): %s", job.id(), job.attempts() + 1, d.error());
        return d.delivered();
    }

    /** A job left in flight, decided by its printer: SENT (its counter moved) or HELD (nobody can tell). */
    private boolean settled(Connection c, Head job, PrinterTarget printer, boolean arrived, String why) throws SQLException {
        if (arrived) InFlight.arrived(c, job.id());
        else InFlight.hold(c, job.id(), why);
        if (arrived && printer.device() != null) PrinterBoard.counted(c, printer.device(), true);
        c.commit();
        (arrived ? sent : held).increment();
        if (arrived) LOG.infof("Label job %d was in flight at a crash and its printer counted it: SENT, not sent again", job.id());
        else LOG.warnf("Label job %d HELD: %s", job.id(), why);
        return arrived;
    }

    /** Session-level, not transaction-level: it must outlive the commit of the intent, over the send. */
    private static boolean lockTarget(Connection c, String target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getBoolean(1); }
        }
    }

    /** Always runs: a pooled connection that kept the lock would shut the printer out for good, so one that fails here is dropped. */
    private static void unlockTarget(Connection c, String target) {
        try {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setString(2, target);
                ps.execute();
            }
        } catch (SQLException e) {
            LOG.warnf("Print queue: could not unlock %s (%s); dropping the connection, which frees it", target, e.getMessage());
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the pool flushes a connection whose abort failed
            }
        }
    }

    /** The target's head job if due; null when nothing is due (the head waits out its back-off: so do the jobs behind it). */
    private static Head head(Connection c, String target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select id, payload, attempts, last_outcome, next_attempt <= now(), sending_since is not null,
                       printer_count_before, printer_buffered_before
                  from print_job where target = ? and status = 'QUEUED' order by id limit 1 for update""")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(5)) return null;
                return new Head(rs.getLong(1), rs.getBytes(2), rs.getInt(3), rs.getString(4), rs.getBoolean(6),
                        new InFlight.Before(rs.getObject(7, Long.class), rs.getObject(8, Integer.class)));
            }
        }
    }

    /** After an unconfirmed send, resend only once the printer answers ~HS again (it reads its input). */
    private static boolean resendable(Connection c, PrinterTarget printer, Head job) throws SQLException {
        if (!"UNCONFIRMED".equals(job.lastOutcome()) || !printer.answersStatus()) return true;
        try {
            var status = printer.status();
            if (printer.device() != null) PrinterBoard.answered(c, printer.device(), status);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The outcome; the intent is cleared only by the round that sent ({@code sentNow}), as its outcome is known now. */
    private static void record(Connection c, long id, Delivery d, boolean sentNow) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.delivered()
                ? "update print_job set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null, last_outcome = ?,"
                  + " sending_since = null where id = ?"
                : """
                  update print_job set attempts = attempts + 1, last_error = ?, last_outcome = ?,
                         next_attempt = now() + make_interval(secs => least(30, power(2, least(attempts, 5)))),
                         sending_since = case when ? then null else sending_since end
                   where id = ?""")) {
            int i = 1;
            if (!d.delivered()) ps.setString(i++, d.error());
            ps.setString(i++, d.outcome().name());
            if (!d.delivered()) ps.setBoolean(i++, sentNow);
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    /** A send tells about the printer too: its ~HS answer, or that it is away or silent. */
    private static void deviceSaw(Connection c, String device, Delivery d) throws SQLException {
        PrinterBoard.counted(c, device, d.delivered());
        switch (d.outcome()) {
            case CONFIRMED -> PrinterBoard.answered(c, device, d.status());
            case UNREACHABLE -> PrinterBoard.offline(c, device, d.error());
            case UNCONFIRMED -> PrinterBoard.silent(c, device, d.error());
            case WRITTEN -> { /* no status to tell */ }
        }
    }

    /** Wakes the jobs of a printer that came back: their back-off is over. */
    public void printerBack(String device) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update print_job set next_attempt = now() where target = ? and status = 'QUEUED' and next_attempt > now()")) {
            ps.setString(1, PrinterTarget.deviceKey(device));
            if (ps.executeUpdate() > 0) wake();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
