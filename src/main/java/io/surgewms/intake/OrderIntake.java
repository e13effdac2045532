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

/**
 * Group commit for orders. Requests put their orders on a queue and wait; writer threads take
 * everything queued (up to max-batch) and write it in one transaction, then answer each order.
 * Under a spike, one fsync serves hundreds of webhook calls; when quiet, a group is one order.
 * Nobody is answered before the commit, so an accepted order survives a crash.
 */
@ApplicationScoped
public class OrderIntake {

    private static final Logger LOG = Logger.getLogger(OrderIntake.class);

    record Pending(OrderRequest order, CompletableFuture<OrderResult> answer) {}

    @Inject AgroalDataSource db;
    @Inject Validator validator;
    @Inject MeterRegistry meters;

    @ConfigProperty(name = "surge.intake.max-batch", defaultValue = "2000") int maxBatch;
    @ConfigProperty(name = "surge.intake.writers", defaultValue = "2") int writerCount;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(200_000);
    private final IntakeWriter writer = new IntakeWriter();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;
    private Timer groupTimer;
    private DistributionSummary groupSize;

    void start(@Observes @Priority(100) StartupEvent ev) { // before anything (the demo) submits orders
        groupTimer = Timer.builder("surge.intake.group.commit").description("Time to write and commit one group of orders")
                .publishPercentiles(0.5, 0.99).register(meters);
        groupSize = DistributionSummary.builder("surge.intake.group.size").description("Orders per intake transaction").register(meters);
        meters.gauge("surge.intake.queue.depth", queue, BlockingQueue::size);
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

    public int writersAlive() {
        return (int) writers.stream().filter(Thread::isAlive).count();
    }

    public int queued() {
        return queue.size();
    }

    /** Validates each order and queues the valid ones; the future completes after their commit. */
    public CompletableFuture<List<OrderResult>> submit(List<OrderRequest> orders) {
        List<CompletableFuture<OrderResult>> answers = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            OrderRequest o = orders.get(i);
            Problem invalid = validate(o);
            if (invalid != null) {
                answers.add(CompletableFuture.completedFuture(OrderResult.rejected(i, o == null ? null : o.externalId(), invalid)));
                continue;
            }
            CompletableFuture<OrderResult> f = new CompletableFuture<>();
            if (!running || !queue.offer(new Pending(o, f))) {
                f.complete(OrderResult.rejected(i, o.externalId(), Problem.of(503, "Intake saturated",
                        "The intake queue is full or the service is stopping; send the order again (it is idempotent)")));
            }
            answers.add(f);
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<OrderResult> out = new ArrayList<>(answers.size());
            for (int i = 0; i < answers.size(); i++) out.add(answers.get(i).join().at(i));
            return out;
        });
    }

    Problem validate(OrderRequest o) {
        if (o == null) return Problem.invalid("order: must not be null", List.of(new Problem.FieldError("$", "must not be null")));
        var violations = validator.validate(o);
        if (violations.isEmpty()) return null;
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<OrderRequest> v : violations)
            errors.add(new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()));
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return Problem.invalid(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid", errors);
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.clear();
                group.add(first);
                queue.drainTo(group, maxBatch - 1);
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
        List<OrderRequest> orders = new ArrayList<>(group.size());
        for (Pending p : group) orders.add(p.order());
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
            if (group.size() > 1) {
                // One order the checks let through broke the group: write each alone so the others still land.
                LOG.warnf("Group of %d orders failed (%s); writing them one by one", group.size(), e.getMessage());
                for (Pending p : group) commit(List.of(p));
            } else {
                LOG.error("Order " + group.get(0).order().externalId() + " could not be written", e);
                group.get(0).answer().complete(OrderResult.rejected(0, group.get(0).order().externalId(),
                        Problem.of(500, "Order not written", "The order could not be stored and was not accepted; nothing was kept. Send it again.")));
            }
            return;
        }
        groupTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        groupSize.record(group.size());
        for (int i = 0; i < group.size(); i++) {
            OrderResult r = results.get(i);
            Counter.builder("surge.intake.orders").tag("outcome", r.outcome().name().toLowerCase())
                    .register(meters).increment();
            group.get(i).answer().complete(r);
        }
    }
}
