package io.surgewms.devices.serial;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every serial link shares: one scheduler for opening, health checks and reconnects
 * (so link state changes one at a time), and a small pool for timed writes, because a jssc write
 * blocks and cannot be given a deadline itself. All daemon, so they never hold the JVM up.
 */
final class SerialThreads {
    private SerialThreads() {}

    static final ScheduledThreadPoolExecutor SCHEDULER = new ScheduledThreadPoolExecutor(1, named("serial-links"));
    static final ThreadPoolExecutor WRITERS = new ThreadPoolExecutor(0, 16, 2, TimeUnit.SECONDS,
            new SynchronousQueue<>(), named("serial-write"));

    static {
        SCHEDULER.setRemoveOnCancelPolicy(true); // cancelled health checks of closed links do not pile up
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
