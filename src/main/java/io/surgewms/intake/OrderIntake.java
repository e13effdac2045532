package io.surgewms.intake;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.surgewms.platform.Problem;
import io.surgewms.platform.Tx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit for orders. Requests put their orders on a queue and wait; writer threads take
 * everything queued (up to max-batch) and write it in one transaction, then answer each order.
 * Under a spike, one fsync serves hundreds of webhook calls; when quiet, a group is one order.
 * Nobody is answered before the commit, so an accepted order survives a crash.
 */
@ApplicationScoped
public class OrderIntake {

    private static final Logger LOG = Logger.getLogger(OrderIntake.class);

    /** The valid orders of one request: written in one transaction together when they fit in a group. */
    record Pending(List<OrderRequest> orders, CompletableFuture<List<OrderResult>> answer) {}

    @Inject AgroalDataSource db;
    @Inject Validator validator;
    @Inject MeterRegistry meters;

    @ConfigProperty(name = "surge.intake.max-batch", defaultValue = "2000") int maxBatch;
    @ConfigProperty(name = "surge.intake.writers", defaultValue = "1") int writerCount;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedOrders = new AtomicInteger();
    static final int MAX_QUEUED_ORDERS = 200_000;
    private final IntakeWriter writer = new IntakeWriter();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;
    private Timer groupTimer, requestTimer;
    private final java.util.Map<OrderResult.Outcome, Counter> outcomes = new java.util.EnumMap<>(OrderResult.Outcome.class);
    private DistributionSummary groupSize;

    void start(@Observes @Priority(100) StartupEvent ev) { // before anything (the demo) submits orders
        groupTimer = Timer.builder("surge.intake.group.commit").description("Time to write and commit one group of orders")
                .publishPercentiles(0.5, 0.99).register(meters);
        groupSize = DistributionSummary.builder("surge.intake.group.size").description("Orders per intake transaction").register(meters);
        meters.gauge("surge.intake.queue.depth", queuedOrders, AtomicInteger::get);
        requestTimer = Timer.builder("surge.intake.latency").description("Time from an order request reaching intake to its answer (after the commit)")
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(1)).maximumExpectedValue(java.time.Duration.ofSeconds(30))
                .register(meters);
        for (OrderResult.Outcome o : OrderResult.Outcome.values()) // registered once, not looked up per order
            outcomes.put(o, Counter.builder("surge.intake.orders").tag("outcome", o.name().toLowerCase()).register(meters));
        running = true;
        for (int i = 0; i < writerCount; i++) {
            Thread t = new Thread(this::writeLoop, "intake-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false; // writers finish what is queued, then stop
        for (Thread t : writers) t.join(10_000);
    }

    /**
     * Validates each order and queues the valid ones; the future completes after their commit, on the intake writer's
     * thread. A request that waits for it should return the stage rather than join it (a joined wait holds a worker the
     * floor needs), and run any database work after it with the *Async methods on the workers, never on the writer.
     */
    public CompletableFuture<List<OrderResult>> submit(List<OrderRequest> orders) {
        long arrived = System.nanoTime();
        OrderResult[] results = new OrderResult[orders.size()];
        List<OrderRequest> valid = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            OrderRequest o = orders.get(i);
            Problem invalid = validate(o);
            if (invalid != null) results[i] = OrderResult.rejected(i, o == null ? null : o.externalId(), invalid);
            else { valid.add(o); at.add(i); }
        }
        // Orders refused before the queue count as rejected too: the counter is every order intake answered
        if (valid.size() < orders.size()) outcomes.get(OrderResult.Outcome.REJECTED).increment(orders.size() - valid.size());
        if (valid.isEmpty()) return answered(arrived, List.of(results));
        CompletableFuture<List<OrderResult>> written = new CompletableFuture<>();
        if (!running || queuedOrders.addAndGet(valid.size()) > MAX_QUEUED_ORDERS) {
            if (running) queuedOrders.addAndGet(-valid.size());
            for (int k = 0; k < valid.size(); k++)
                results[at.get(k)] = OrderResult.rejected(at.get(k), valid.get(k).externalId(), Problem.of(503, "Intake saturated",
                        "The intake queue is full or the service is stopping; send the order again (it is idempotent)"));
            outcomes.get(OrderResult.Outcome.REJECTED).increment(valid.size());
            return answered(arrived, List.of(results));
        }
        queue.add(new Pending(valid, written));
        return written.thenApply(done -> {
            for (int k = 0; k < done.size(); k++) results[at.get(k)] = done.get(k).at(at.get(k));
            requestTimer.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS); // once per request, not per order
            return List.of(results);
        });
    }

    private CompletableFuture<List<OrderResult>> answered(long arrived, List<OrderResult> results) {
        requestTimer.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
        return CompletableFuture.completedFuture(results);
    }

    public int writersAlive() {
        return (int) writers.stream().filter(Thread::isAlive).count();
    }

    public int queued() {
        return queuedOrders.get();
    }

    Problem validate(OrderRequest o) {
        if (o == null) return Problem.invalid("order: must not be null", List.of(new Problem.FieldError("$", "must not be null")));
        var violations = validator.validate(o);
        if (violations.isEmpty()) return null;
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<OrderRequest> v : violations) {
            String field = v.getPropertyPath().toString();
            // A held order's address may still be masked or missing: it comes with the release
            if (o.held() && field.startsWith("shipTo") && missing(v)) continue;
            errors.add(new Problem.FieldError(field, v.getMessage()));
        }
        if (errors.isEmpty()) return null;
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return Problem.invalid(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid", errors);
    }

    private static boolean missing(ConstraintViolation<?> v) {
        var a = v.getConstraintDescriptor().getAnnotation();
        return a instanceof jakarta.validation.constraints.NotBlank || a instanceof jakarta.validation.constraints.NotNull;
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        Pending carry = null; // a request that did not fit the last group opens the next one
        while (running || carry != null || !queue.isEmpty()) {
            try {
                Pending first = carry != null ? carry : queue.poll(50, TimeUnit.MILLISECONDS);
                carry = null;
                if (first == null) continue;
                group.clear();
                group.add(first);
                int orders = first.orders().size();
                Pending next;
                while (orders < maxBatch && (next = queue.poll()) != null) {
                    if (orders + next.orders().size() > maxBatch) { carry = next; break; }
                    group.add(next);
                    orders += next.orders().size();
                }
                queuedOrders.addAndGet(-orders);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Intake writer failed; it goes on with the next group", e);
            }
        }
    }

    private void commit(List<Pending> group) {
        List<OrderRequest> orders = new ArrayList<>();
        for (Pending p : group) orders.addAll(p.orders());
        List<OrderResult> results;
        long start = System.nanoTime();
        try {
            results = Tx.retrying(() -> {
                try (Connection c = db.getConnection()) {
                    return writer.write(c, orders);
                } catch (SQLException e) {
                    throw Tx.unchecked(e);
                }
            });
        } catch (RuntimeException e) {
            isolate(group, e);
            return;
        }
        groupTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        groupSize.record(orders.size());
        int k = 0;
        for (Pending p : group) {
            List<OrderResult> mine = new ArrayList<>(results.subList(k, k + p.orders().size()));
            k += p.orders().size();
            for (OrderResult r : mine) outcomes.get(r.outcome()).increment();
            p.answer().complete(mine);
        }
    }

    /** One order the checks let through broke the group: write the requests, then the orders, alone, so the others still land. */
    private void isolate(List<Pending> group, RuntimeException e) {
        if (group.size() > 1) {
            LOG.warnf("Group of %d requests failed (%s); writing them one by one", group.size(), e.getMessage());
            for (Pending p : group) commit(List.of(p));
            return;
        }
        Pending p = group.get(0);
        if (p.orders().size() > 1) {
            LOG.warnf("Request of %d orders failed (%s); writing its orders one by one", p.orders().size(), e.getMessage());
            List<CompletableFuture<List<OrderResult>>> parts = new ArrayList<>();
            for (OrderRequest o : p.orders()) {
                CompletableFuture<List<OrderResult>> f = new CompletableFuture<>();
                parts.add(f);
                commit(List.of(new Pending(List.of(o), f)));
            }
            List<OrderResult> all = new ArrayList<>();
            for (var f : parts) all.add(f.join().get(0));
            p.answer().complete(all);
            return;
        }
        LOG.error("Order " + p.orders().get(0).externalId() + " could not be written", e);
        outcomes.get(OrderResult.Outcome.REJECTED).increment();
        p.answer().complete(List.of(OrderResult.rejected(0, p.orders().get(0).externalId(),
                Problem.of(500, "Order not written", "The order could not be stored and was not accepted; nothing was kept. Send it again."))));
    }
}
