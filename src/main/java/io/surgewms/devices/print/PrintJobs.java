package io.surgewms.devices.print;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.surgewms.devices.PrintQueue;
import io.surgewms.platform.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The print job history and what a person may do with it: retry a FAILED or HELD job (optionally on
 * a printer given now), and reprint, which queues a new job with the same label at the end of a
 * printer's queue and leaves the original as it was.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its counters show 0 from the start, not from the first retry
public class PrintJobs {

    static final Set<String> STATUSES = Set.of("QUEUED", "SENT", "FAILED", "HELD");

    @Inject AgroalDataSource db;
    @Inject PrintQueue queue;
    @Inject MeterRegistry meters;

    private Counter retried, reprinted;

    @PostConstruct
    void counters() {
        retried = PrintQueue.jobs(meters, "retried");
        reprinted = PrintQueue.jobs(meters, "reprinted");
    }

    /** One job; {@code printer} is its printer device, else the station's host:port. */
    public record Job(long id, String station, Long shipmentId, String format, String printer, String status, int attempts,
                      String lastError, String lastOutcome, OffsetDateTime nextAttempt, OffsetDateTime createdAt,
                      OffsetDateTime sentAt, Long reprintOf) {}

    private static final String SELECT = """
            select id, station, shipment_id, format, coalesce(printer, printer_host || ':' || printer_port), status, attempts,
                   last_error, last_outcome, next_attempt, created_at, sent_at, reprint_of from print_job
            """;

    public List<Job> list(String status, String station, String printer) {
        if (status != null && !STATUSES.contains(status)) throw ProblemException.invalid("status", "must be one of QUEUED, SENT, FAILED, HELD");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + """
                 where (cast(? as text) is null or status = ?) and (cast(? as text) is null or station = ?)
                   and (cast(? as text) is null or printer = ? or printer_host || ':' || printer_port = ?)
                 order by id desc limit 200""")) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setString(3, station);
            ps.setString(4, station);
            for (int i = 5; i <= 7; i++) ps.setString(i, printer);
            List<Job> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.add(job(rs)); }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Job get(long id) {
        try (Connection c = db.getConnection()) {
            return get(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Job get(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No print job " + id);
                return job(rs);
            }
        }
    }

    /** FAILED or HELD → QUEUED, from attempt 0; a printer given here replaces the job's printer. */
    public Job retry(long id, String printer) {
        Job job;
        try (Connection c = db.getConnection()) {
            Job before = get(c, id);
            if (!before.status().equals("FAILED") && !before.status().equals("HELD"))
                throw ProblemException.conflict("Print job " + id + " is " + before.status() + ": only FAILED or HELD jobs can be retried");
            if (printer != null) requirePrinter(c, printer);
            else if (before.printer() == null)
                throw ProblemException.conflict("Print job " + id + " has no printer: give one (printer) or download the label");
            try (PreparedStatement ps = c.prepareStatement("""
                    update print_job set status = 'QUEUED', attempts = 0, next_attempt = now(), last_error = null, last_outcome = null,
                           printer = coalesce(?, printer), printer_host = case when ?::text is null then printer_host end,
                           printer_port = case when ?::text is null then printer_port end
                     where id = ? and status in ('FAILED','HELD')""")) {
                ps.setString(1, printer);
                ps.setString(2, printer);
                ps.setString(3, printer);
                ps.setLong(4, id);
                if (ps.executeUpdate() == 0) throw ProblemException.conflict("Print job " + id + " changed meanwhile: look again");
            }
            job = get(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        retried.increment();
        queue.wake();
        return job;
    }

    /** A new job with the same label, last in the queue of its printer (or of the printer given). */
    public Job reprint(long id, String printer) {
        Job copy;
        try (Connection c = db.getConnection()) {
            Job original = get(c, id);
            if (printer != null) requirePrinter(c, printer);
            else if (original.printer() == null)
                throw ProblemException.conflict("Print job " + id + " has no printer: give one (printer) or download the label");
            long newId;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into print_job (station, shipment_id, format, payload, printer, printer_host, printer_port, status, reprint_of)
                    select station, shipment_id, format, payload, coalesce(?, printer),
                           case when ?::text is null then printer_host end, case when ?::text is null then printer_port end, 'QUEUED', id
                      from print_job where id = ? returning id""")) {
                ps.setString(1, printer);
                ps.setString(2, printer);
                ps.setString(3, printer);
                ps.setLong(4, id);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); newId = rs.getLong(1); }
            }
            copy = get(c, newId);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        reprinted.increment();
        queue.wake();
        return copy;
    }

    /** Reprints a parcel's label: its latest job. */
    public Job reprintParcel(long shipmentId, String printer) {
        Long latest;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select max(id) from print_job where shipment_id = ?")) {
            ps.setLong(1, shipmentId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); latest = rs.getObject(1, Long.class); }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (latest == null) throw ProblemException.notFound("No label job for shipment " + shipmentId);
        return reprint(latest, printer);
    }

    private static void requirePrinter(Connection c, String name) throws SQLException {
        if (name.isBlank()) throw ProblemException.invalid("printer", "must not be blank");
        try (PreparedStatement ps = c.prepareStatement("select kind, enabled from device where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No printer " + name);
                if (!"PRINTER".equals(rs.getString(1))) throw ProblemException.invalid("printer", name + " is a " + rs.getString(1) + ", not a printer");
                if (!rs.getBoolean(2)) throw ProblemException.conflict("Printer " + name + " is disabled");
            }
        }
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getInt(7), rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class),
                rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class), rs.getObject(13, Long.class));
    }
}
