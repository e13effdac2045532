package io.surgewms.devices;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
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
 * printer being off (invariant 6). Several instances: a sender takes {@code pg_try_advisory_xact_lock}
 * on the target (another instance serving it: skip) and keeps the transaction, and so the lock, open
 * over the send; the job is marked SENT in that transaction.
 *
 * <p>Outcomes: CONFIRMED/WRITTEN → SENT. UNREACHABLE → QUEUED and retried (nothing left this machine).
 * UNCONFIRMED → QUEUED; it is resent only after the printer answered {@code ~HS} again, so a hung
 * printer is not filled with copies (a printer without ~HS is resent after its back-off). A printer
 * that is disabled, unregistered or misconfigured keeps its jobs QUEUED with that error, so fixing
 * the device prints them in order; nothing turns FAILED on its own. Residual duplicates: a printer that took the bytes but went silent
 * (some firmware stops answering ~HS while paper out) prints the label again when resent; so does a
 * crash or lost database between a confirmed send and its commit. A label is never silently lost.
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

    private record Head(long id, byte[] payload, int attempts, String lastOutcome) {}

    /** Sends the target's head job if it is due and no one else serves the target; true when it was delivered. */
    private boolean sendHead(String target) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Head job = lockHead(c, target);
                if (job == null) { c.rollback(); return false; }
                PrinterTarget printer = PrinterTarget.load(c, target);
                Delivery d = resendable(c, printer, job) ? printer.send(job.payload(), serialPort) : null;
                if (d == null) d = Delivery.unconfirmed("unconfirmed: an earlier send was not confirmed and " + printer.label()
                        + " still does not answer ~HS; not resent, to avoid a second copy");
                record(c, job.id(), d);
                if (printer.device() != null && printer.unusable() == null) deviceSaw(c, printer.device(), d);
                c.commit();
                (d.delivered() ? sent : failed).increment();
                if (!d.delivered()) LOG.warnf("Label job %d not printed (attempt %d): %s", job.id(), job.attempts() + 1, d.error());
                return d.delivered();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Takes the target's advisory lock, then its head job if due; null when busy elsewhere or nothing due. */
    private static Head lockHead(Connection c, String target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); if (!rs.getBoolean(1)) return null; }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select id, payload, attempts, last_outcome, next_attempt <= now() from print_job
                 where target = ? and status = 'QUEUED' order by id limit 1 for update""")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(5)) return null; // the head waits out its back-off: so do the jobs behind it
                return new Head(rs.getLong(1), rs.getBytes(2), rs.getInt(3), rs.getString(4));
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

    private static void record(Connection c, long id, Delivery d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.delivered()
                ? "update print_job set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null, last_outcome = ? where id = ?"
                : """
                  update print_job set attempts = attempts + 1, last_error = ?, last_outcome = ?,
                         next_attempt = now() + make_interval(secs => least(30, power(2, least(attempts, 5))))
                   where id = ?""")) {
            int i = 1;
            if (!d.delivered()) ps.setString(i++, d.error());
            ps.setString(i++, d.outcome().name());
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
