package io.surgewms.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one timer every scan path shares: {@code surge.scan.latency{source, result}}, from the scan's
 * arrival to its answer. Sources: the handheld's pick scan, the pack station page, a serial scanner
 * (timed from its last byte, so the wait in the scanner's queue counts). Results: accepted, rejected
 * (a refusal, or a request the service turned down), error (the scan could not be handled).
 * The timers are made once, so a scan costs a clock read and a record, no registry look-up.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // the timers show 0 from the start, not from the first scan
public class ScanLatency {

    public static final String NAME = "surge.scan.latency";

    public enum Source { PICK, PACK, SERIAL }

    enum Result { ACCEPTED, REJECTED, ERROR }

    @Inject MeterRegistry meters;

    private final Timer[][] timers = new Timer[Source.values().length][Result.values().length];

    @PostConstruct
    void register() {
        for (Source s : Source.values())
            for (Result r : Result.values())
                timers[s.ordinal()][r.ordinal()] = Timer.builder(NAME)
                        .description("Time from a scan's arrival to its answer")
                        .tag("source", s.name().toLowerCase(Locale.ROOT)).tag("result", r.name().toLowerCase(Locale.ROOT))
                        // Buckets for Prometheus' histogram_quantile, bounded to what a scan can take
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                        .register(meters);
    }

    /** Handles a scan that arrives now and records how long its answer took. */
    public <T> T time(Source source, Supplier<T> scan, Predicate<T> accepted) {
        return time(source, System.nanoTime(), scan, accepted);
    }

    /** @param arrivedNanos when the scan arrived ({@link System#nanoTime()}), e.g. a serial scanner's last byte */
    public <T> T time(Source source, long arrivedNanos, Supplier<T> scan, Predicate<T> accepted) {
        T answer;
        try {
            answer = scan.get();
        } catch (RuntimeException e) {
            boolean refused = e instanceof ProblemException p && p.problem().status() < 500;
            record(source, refused ? Result.REJECTED : Result.ERROR, arrivedNanos);
            throw e;
        }
        record(source, answer != null && accepted.test(answer) ? Result.ACCEPTED : Result.REJECTED, arrivedNanos);
        return answer;
    }

    private void record(Source source, Result result, long arrivedNanos) {
        timers[source.ordinal()][result.ordinal()].record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
    }
}
