package io.surgewms.intake.channels;

import java.time.Duration;

/**
 * A call to a channel (TikTok Shop, Shopify) that did not do what was asked, with what the caller should
 * do about it. {@link #retryable()} failures are sent again with backoff, or after {@link #retryAfter()}
 * when the channel said how long to wait; the others need a person (credentials, a mapping, the order).
 */
public class ChannelException extends Exception {

    public enum Kind {
        /** No answer in time, or the connection failed: the call may or may not have happened. */
        TIMEOUT(true),
        /** 5xx or connection refused. */
        UNAVAILABLE(true),
        /** 429, or GraphQL THROTTLED: wait {@link #retryAfter()} (when given) before the next call on this account. */
        RATE_LIMITED(true),
        /** The channel cannot take it yet (a fulfillment order on hold, an order not yet released): try again later. */
        NOT_YET(true),
        /** 401/403 or an expired token: the account's credentials need a refresh or a person. */
        AUTH(false),
        /** The channel refused the request (4xx, a user error in the answer). */
        REJECTED(false);

        private final boolean retryable;

        Kind(boolean retryable) { this.retryable = retryable; }

        public boolean retryable() { return retryable; }
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ChannelException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public ChannelException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() { return kind; }

    /** How long the channel asked us to wait (Retry-After), or null. */
    public Duration retryAfter() { return retryAfter; }

    public boolean retryable() { return kind.retryable(); }
}
