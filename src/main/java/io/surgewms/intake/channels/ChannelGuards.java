package io.surgewms.intake.channels;

import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A circuit breaker per channel account (SmallRye Fault Tolerance's programmatic Guard, as shipping has per
 * carrier account): when most of an account's recent calls time out or find the channel down, calls to it stop
 * for {@code surge.channels.breaker.delay} and its outbox rows wait, instead of each one spending a timeout.
 * A refusal (bad token, bad request), "not yet" and "too many calls" (which has its own pause) say nothing
 * about the channel's health and do not count.
 */
@ApplicationScoped
public class ChannelGuards {

    @ConfigProperty(name = "surge.channels.breaker.requests", defaultValue = "20") int requests;
    @ConfigProperty(name = "surge.channels.breaker.failure-ratio", defaultValue = "0.5") double ratio;
    @ConfigProperty(name = "surge.channels.breaker.delay", defaultValue = "30s") Duration delay;

    private final ConcurrentMap<Long, Guard> guards = new ConcurrentHashMap<>();

    /** The channel call under the account's breaker; an open breaker is a {@link ChannelException} that {@link #open} recognises. */
    public void call(ChannelAccount account, Callable<Void> work) throws Exception {
        Guard g = guards.computeIfAbsent(account.id(), id -> Guard.create()
                .withDescription("channel account " + id)
                .withCircuitBreaker().requestVolumeThreshold(requests).failureRatio(ratio).delay(delay.toMillis(), ChronoUnit.MILLIS)
                .when(ChannelGuards::unhealthy).done()
                .build());
        try {
            g.call(work, Void.class);
        } catch (CircuitBreakerOpenException e) {
            throw new ChannelException(ChannelException.Kind.UNAVAILABLE, account.channel() + " account " + account.id()
                    + ": calls paused after repeated failures (circuit open for " + delay.toSeconds() + " s)", delay, e);
        }
    }

    /** The breaker was open: nothing was sent. */
    public static boolean open(ChannelException e) {
        return e.getCause() instanceof CircuitBreakerOpenException;
    }

    static boolean unhealthy(Throwable t) {
        if (t instanceof ChannelException ce)
            return ce.kind() == ChannelException.Kind.TIMEOUT || ce.kind() == ChannelException.Kind.UNAVAILABLE;
        return t instanceof IOException; // a client that does not speak ChannelException yet: its transport failures
    }
}
