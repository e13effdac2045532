package io.surgewms.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs work in a new transaction and runs it again when PostgreSQL aborts it for a deadlock or a
 * serialization failure: stock rows are hot in a spike, and such an abort changed nothing.
 */
public final class Tx {
    private Tx() {}

    public static final int ATTEMPTS = 6;

    public static <T> T retrying(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isRetryable(e)) throw e;
                try {
                    Thread.sleep((long) (Math.random() * 10 * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Deadlock (40P01), serialization failure (40001), or a race the code itself asked to redo. */
    public static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Retry) return true;
            if (t instanceof SQLException s && ("40P01".equals(s.getSQLState()) || "40001".equals(s.getSQLState())))
                return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** Thrown inside a transaction to have it rolled back and run again (e.g. a lost insert race). */
    public static final class Retry extends RuntimeException {
        public Retry(String why) { super(why, null, false, false); }
    }

    /** Wraps a checked SQLException so it travels through lambdas; Tx.isRetryable still sees its state. */
    public static RuntimeException unchecked(SQLException e) {
        return new IllegalStateException(e.getMessage(), e);
    }
}
