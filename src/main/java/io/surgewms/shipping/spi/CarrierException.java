package io.surgewms.shipping.spi;

import java.time.Duration;

/**
 * A provider call that did not do what was asked, with what an operator can do about it.
 * {@link #retryable()} failures are tried again with backoff (or after {@link #retryAfter()}); the others
 * wait for a person: fix the credentials, the address or the parcel, then retry.
 */
public class CarrierException extends Exception {

    public enum Kind {
        /** No answer in time: the call may or may not have happened (a buy is repeated with the same key). */
        TIMEOUT(true),
        /** 5xx or connection refused. */
        UNAVAILABLE(true),
        /** 429: too many calls; wait {@link #retryAfter()}. */
        RATE_LIMITED(true),
        /** 401/403: the credentials are wrong or expired. */
        AUTH(false),
        /** The address cannot be delivered to as written. */
        ADDRESS(false),
        /** The provider refused the request (4xx): the parcel, service or account needs a person. */
        REJECTED(false);

        private final boolean retryable;

        Kind(boolean retryable) { this.retryable = retryable; }

        public boolean retryable() { return retryable; }
    }

    private final Kind kind;
    private final Duration retryAfter;

    public CarrierException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public CarrierException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() { return kind; }

    /** How long the provider asked us to wait (Retry-After), or null. */
    public Duration retryAfter() { return retryAfter; }

    public boolean retryable() { return kind.retryable(); }
}
