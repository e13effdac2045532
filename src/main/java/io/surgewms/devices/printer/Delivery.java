package io.surgewms.devices.printer;

import java.util.Objects;

/**
 * How a label job's trip to the printer ended. The outcome decides what the print queue may do next:
 * only {@link Outcome#UNREACHABLE} is safe to resend blindly.
 *
 * @param outcome what happened
 * @param status  the printer's answer to {@code ~HS}; only with {@link Outcome#CONFIRMED}
 * @param error   why it was not confirmed, in words; null when delivered
 */
public record Delivery(Outcome outcome, PrinterStatus status, String error) {

    public enum Outcome {
        /** The printer answered the {@code ~HS} sent after the job, so it took in every byte of the job. */
        CONFIRMED,
        /**
         * Printer without {@code ~HS} ({@code statusSupported=false}): every byte was written, and the
         * printer closed its side after our end of job, so it read to the end. No status.
         */
        WRITTEN,
        /** Nothing of the job left this machine (refused, no route, connect timeout): resend freely. */
        UNREACHABLE,
        /**
         * Some or all bytes went out but the printer never proved it took them in. The label may or may
         * not print: resending may print it twice, so hold it for a person or re-check the printer.
         */
        UNCONFIRMED
    }

    public Delivery {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.CONFIRMED) != (status != null)) throw new IllegalArgumentException("a status comes with CONFIRMED only");
        if ((outcome == Outcome.UNREACHABLE || outcome == Outcome.UNCONFIRMED) != (error != null)) {
            throw new IllegalArgumentException("an error comes with UNREACHABLE or UNCONFIRMED only");
        }
    }

    public static Delivery confirmed(PrinterStatus status) {
        return new Delivery(Outcome.CONFIRMED, Objects.requireNonNull(status, "status"), null);
    }

    public static Delivery written() {
        return new Delivery(Outcome.WRITTEN, null, null);
    }

    public static Delivery unreachable(String error) {
        return new Delivery(Outcome.UNREACHABLE, null, Objects.requireNonNull(error, "error"));
    }

    public static Delivery unconfirmed(String error) {
        return new Delivery(Outcome.UNCONFIRMED, null, Objects.requireNonNull(error, "error"));
    }

    /** The printer has the whole job (CONFIRMED, or WRITTEN for printers without ~HS). */
    public boolean delivered() {
        return outcome == Outcome.CONFIRMED || outcome == Outcome.WRITTEN;
    }

    /** Nothing was sent, so sending again cannot print the label twice. */
    public boolean safeToRetry() {
        return outcome == Outcome.UNREACHABLE;
    }
}
