package io.surgewms.devices;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Sends queued label jobs to their printers over raw TCP. A job is taken with SKIP LOCKED (any
 * number of instances), sent, and marked SENT in the same transaction; a printer that is off or
 * unreachable leaves the job QUEUED with its error and a growing back-off, and after many attempts
 * FAILED — visible and retryable, never dropped (invariant 6).
 */
@ApplicationScoped
public class PrintQueue {

    private static final Logger LOG = Logger.getLogger(PrintQueue.class);
    static final int MAX_ATTEMPTS = 12;
    static final int CONNECT_TIMEOUT_MS = 2000;

    @Inject AgroalDataSource db;

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            drain(50);
        } catch (RuntimeException e) {
            LOG.warn("Print queue: " + e.getMessage());
        }
    }

    /** Sends up to {@code max} due jobs; answers how many were sent. */
    public int drain(int max) {
        int sent = 0;
        for (int i = 0; i < max; i++) {
            Boolean ok = sendNext();
            if (ok == null) break;
            if (ok) sent++;
        }
        return sent;
    }

    /** null when nothing is due, else whether the job reached its printer. */
    private Boolean sendNext() {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                String host;
                int port, attempts;
                byte[] payload;
                try (PreparedStatement ps = c.prepareStatement("""
                        select id, printer_host, printer_port, payload, attempts from print_job
                         where status = 'QUEUED' and next_attempt <= now()
                         order by next_attempt, id limit 1 for update skip locked""");
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) { c.rollback(); return null; }
                    id = rs.getLong(1); host = rs.getString(2); port = rs.getInt(3); payload = rs.getBytes(4); attempts = rs.getInt(5);
                }
                String error = send(host, port, payload);
                try (PreparedStatement ps = c.prepareStatement(error == null
                        ? "update print_job set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null where id = ?"
                        : """
                          update print_job set attempts = attempts + 1, last_error = ?,
                                 status = case when attempts + 1 >= ? then 'FAILED' else 'QUEUED' end,
                                 next_attempt = now() + make_interval(secs => least(60, power(2, attempts))::int)
                           where id = ?""")) {
                    if (error == null) ps.setLong(1, id);
                    else { ps.setString(1, error); ps.setInt(2, MAX_ATTEMPTS); ps.setLong(3, id); }
                    ps.executeUpdate();
                }
                c.commit();
                if (error != null) LOG.warnf("Label job %d not printed (attempt %d): %s", id, attempts + 1, error);
                return error == null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Raw TCP (port 9100 on most label printers): connect, write the bytes, close. Answers the error or null. */
    static String send(String host, int port, byte[] payload) {
        if (host == null || port <= 0) return "no printer address";
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(CONNECT_TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(payload);
            out.flush();
            s.shutdownOutput();
            return null;
        } catch (IOException e) {
            return "printer " + host + ":" + port + " unreachable: " + e.getMessage();
        }
    }

    /** Puts a FAILED or HELD job back in the queue (a printer was fixed, or a station got one). */
    public void retry(long jobId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update print_job set status = 'QUEUED', next_attempt = now(), attempts = 0
                 where id = ? and status in ('FAILED','HELD') and printer_host is not null""")) {
            ps.setLong(1, jobId);
            if (ps.executeUpdate() == 0) throw ProblemException.conflict("Job " + jobId + " is not FAILED or HELD with a printer address");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
