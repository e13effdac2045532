package io.surgewms.devices.print;

import io.surgewms.devices.printer.Delivery;
import io.surgewms.devices.printer.LabelCount;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A label send that may have been cut off by a crash. Before the bytes leave, the print queue commits
 * {@code sending_since} and the printer's label count ({@link #mark}); after the send it clears them.
 * A sender that finds them still set knows the previous sender died mid-send and {@link #check}s the
 * printer instead of printing a second copy: the counter moved by the job's labels → it arrived; it did
 * not move → send it; no counter to ask → HELD for a person, never resent blindly.
 */
public final class InFlight {

    /** last_outcome of a job whose arrival the printer's counter proved after a crash. */
    public static final String CONFIRMED_BY_COUNTER = "CONFIRMED_BY_COUNTER";
    /** last_outcome of a job held because nobody can tell whether it printed. */
    public static final String IN_DOUBT = "IN_DOUBT";

    private InFlight() {
    }

    /** The printer's count before a send: labels printed and label formats waiting; nulls without a counter. */
    public record Before(Long printed, Integer buffered) {
        static final Before UNKNOWN = new Before(null, null);

        Long taken() {
            return printed == null || buffered == null ? null : printed + buffered;
        }
    }

    public enum Verdict { ARRIVED, RESEND, HOLD, AWAY }

    /** What the printer says about a job left in flight; {@code why} for HOLD, {@code away} for AWAY. */
    public record Check(Verdict verdict, String why, Delivery away) {}

    /**
     * Reads the count a send starts from. A printer without a counter, or whose counter does not
     * answer, gives {@link Before#UNKNOWN}: the label is still sent, and held if a crash cuts that send.
     * Throws ConnectException when the printer cannot be reached (nothing can be sent either).
     */
    public static Before before(PrinterTarget printer) throws ConnectException {
        if (!printer.keepsCount()) return Before.UNKNOWN;
        try {
            LabelCount n = printer.labelCount();
            return n.printed() == null ? Before.UNKNOWN : new Before(n.printed(), n.status().formatsInBuffer());
        } catch (ConnectException e) {
            throw e;
        } catch (IOException e) {
            return Before.UNKNOWN;
        }
    }

    /** The intent, committed by the caller before the bytes leave. */
    public static void mark(Connection c, long job, Before before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update print_job set sending_since = now(), printer_count_before = ?, printer_buffered_before = ? where id = ?""")) {
            ps.setObject(1, before.printed(), Types.BIGINT);
            ps.setObject(2, before.buffered(), Types.INTEGER);
            ps.setLong(3, job);
            ps.executeUpdate();
        }
    }

    /** Asks the printer whether the job a dead sender was sending arrived. */
    public static Check check(PrinterTarget printer, Before before, byte[] payload) {
        String doubt = "in flight when the service stopped; check printer " + printer.label()
                + " and retry or reprint if the label is missing";
        if (before.taken() == null || !printer.keepsCount()) return new Check(Verdict.HOLD, doubt + " (no label counter to ask)", null);
        LabelCount now;
        try {
            now = printer.labelCount();
        } catch (ConnectException e) {
            return new Check(Verdict.AWAY, null, Delivery.unreachable("printer " + e.getMessage()));
        } catch (IOException e) { // silent: nothing can be decided until it answers
            return new Check(Verdict.AWAY, null, Delivery.unconfirmed("unconfirmed: printer " + e.getMessage()));
        }
        if (now.taken() == null) return new Check(Verdict.HOLD, doubt + " (its label counter did not answer)", null);
        long moved = now.taken() - before.taken(), labels = labels(payload);
        if (moved == 0) return new Check(Verdict.RESEND, null, null);
        if (moved >= labels) return new Check(Verdict.ARRIVED, null, null);
        return new Check(Verdict.HOLD, doubt + " (its label counter moved by " + moved + " for " + labels + " labels)", null);
    }

    /** The labels in a ZPL job: its {@code ^XZ} (any case), at least one. */
    static int labels(byte[] payload) {
        String zpl = new String(payload, StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT);
        int n = 0;
        for (int i = zpl.indexOf("^XZ"); i >= 0; i = zpl.indexOf("^XZ", i + 3)) n++;
        return Math.max(1, n);
    }

    /** The printer counted the job: SENT without a second copy. */
    public static void arrived(Connection c, long job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update print_job set status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = null,
                       last_outcome = ?, sending_since = null where id = ?""")) {
            ps.setString(1, CONFIRMED_BY_COUNTER);
            ps.setLong(2, job);
            ps.executeUpdate();
        }
    }

    /** Nobody can tell whether it printed: HELD (on the board, retryable), so a person decides. */
    public static void hold(Connection c, long job, String why) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update print_job set status = 'HELD', attempts = attempts + 1, last_error = ?, last_outcome = ?,
                       sending_since = null where id = ?""")) {
            ps.setString(1, why);
            ps.setString(2, IN_DOUBT);
            ps.setLong(3, job);
            ps.executeUpdate();
        }
    }
}
