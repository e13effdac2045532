package io.surgewms.shipping;

import io.smallrye.faulttolerance.api.Guard;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A circuit breaker per provider account (SmallRye Fault Tolerance's programmatic Guard): when most of an
 * account's recent calls time out or fail with 5xx/429, calls to it stop for a while and its labels wait
 * (the station buys at scan time once it closes again). A refusal (bad credentials, bad address) is the
 * caller's problem, not the provider's health, and does not open it.
 */
@ApplicationScoped
public class CarrierGuards {

    @ConfigProperty(name = "surge.shipping.breaker.requests", defaultValue = "20") int requests;
    @ConfigProperty(name = "surge.shipping.breaker.failure-ratio", defaultValue = "0.5") double ratio;
    @ConfigProperty(name = "surge.shipping.breaker.delay", defaultValue = "30s") java.time.Duration delay;

    private final ConcurrentMap<String, Guard> guards = new ConcurrentHashMap<>();

    public <T> T call(CarrierCredentials account, Callable<T> work, Class<T> type) throws CarrierException {
        Guard g = guards.computeIfAbsent(account.provider() + ":" + account.accountId(), k -> Guard.create()
                .withDescription("carrier account " + k)
                .withCircuitBreaker().requestVolumeThreshold(requests).failureRatio(ratio).delay(delay.toMillis(), ChronoUnit.MILLIS)
                .when(t -> t instanceof CarrierException ce && ce.retryable()).done()
                .build());
        try {
            return g.call(work, type);
        } catch (CarrierException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new CarrierException(CarrierException.Kind.UNAVAILABLE, account.provider() + " account " + account.accountId()
                    + ": calls paused after repeated failures (circuit open for " + delay.toSeconds() + " s)", delay, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
