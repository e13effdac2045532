package io.surgewms.devices.serial;

import jssc.SerialPort;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A supervised connection to one serial device. It owns the port (see {@link PortOwners}), reads
 * it (on the {@link SerialReaders} thread) into a {@link ScanFramer}, and hands frames to its {@link Listener}.
 * When the device goes away (file gone, read error, or the health check finds the path missing or
 * pointing at another device) it closes the port, reports OFFLINE and reopens with exponential
 * back-off until the device is back, then reports ONLINE. State changes run on one shared daemon
 * scheduler thread; frames arrive on the reader thread.
 */
public final class SerialLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SerialLink.class);

    public enum Status { ONLINE, OFFLINE }

    /** Callbacks; keep them short (they run on the one reader thread every port shares, or the shared scheduler). */
    public interface Listener {
        void onFrame(String text);
        void onRejected(String reason, String raw);
        /** {@code error} says why the link went OFFLINE; null with ONLINE. */
        void onStatus(Status status, String error);
    }

    /** Who owns the port, the reconnect back-off and how often the device path is checked. */
    public record Options(PortOwners owners, String owner, Duration firstRetry, Duration maxRetry, Duration healthEvery) {
        public Options {
            if (owners == null) owners = PortOwners.shared();
            if (owner == null || owner.isBlank()) throw new IllegalArgumentException("owner is required (which device or station)");
            if (firstRetry.isZero() || firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0 || healthEvery.isZero())
                throw new IllegalArgumentException("back-off and health check intervals must be positive, maxRetry >= firstRetry");
        }

        /** 250 ms doubling to 5 s, health check every second. */
        public static Options of(String owner) {
            return new Options(PortOwners.shared(), owner, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(1));
        }

        public Options withOwners(PortOwners o) { return new Options(o, owner, firstRetry, maxRetry, healthEvery); }

        public Options withTiming(Duration first, Duration max, Duration health) { return new Options(owners, owner, first, max, health); }
    }

    /** Figures for a device page. {@code lastSeen} is when bytes last arrived, null before any. */
    public record Counters(long frames, long rejected, long reconnects, long bytes, Instant lastSeen) {}

    /** One open of the port, read by the shared {@link SerialReaders} thread until it closes. */
    private final class Connection implements SerialReaders.Port {
        final SerialPort port;
        final Path device;

        Connection(SerialPort port, Path device) {
            this.port = port;
            this.device = device;
        }

        @Override
        public boolean readWaiting() throws Exception {
            int waiting = port.getInputBufferBytesCount();
            if (waiting <= 0) return false;
            byte[] bytes = port.readBytes(waiting);
            if (bytes != null && bytes.length > 0) received(bytes);
            return true;
        }

        @Override
        public void failed(Exception e) {
            SerialThreads.SCHEDULER.execute(() -> lose(this, "read from " + settings.port() + " failed: " + e.getMessage()));
        }

        /** Stops reading before the port closes, so no sweep ever touches a closed (or reused) handle. */
        void close() {
            SerialReaders.remove(this);
            PortIo.close(port);
        }
    }

    private final SerialSettings settings;
    private final ScanFramer framer;
    private final Listener listener;
    private final Options options;

    private final AtomicLong frames = new AtomicLong(), rejected = new AtomicLong(), reconnects = new AtomicLong(), bytes = new AtomicLong();
    private volatile Instant lastSeen;
    private volatile Status status;
    private volatile String lastError;
    private volatile boolean closed;

    // Changed only on the scheduler thread (current is read by writers too).
    private volatile Connection current;
    private Duration nextRetry;
    private boolean everOnline, warnedParams;
    private ScheduledFuture<?> retry, health, idleFlush;
    private final Object writeLock = new Object();

    private SerialLink(SerialSettings settings, ScanFramer framer, Listener listener, Options options) {
        this.settings = settings;
        this.framer = framer;
        this.listener = listener;
        this.options = options;
        this.nextRetry = options.firstRetry();
    }

    /**
     * Claims the port and starts connecting in the background; answers at once (the first status
     * arrives through the listener). Throws {@link PortOwners.PortBusyException} if another owner has the port.
     */
    public static SerialLink open(SerialSettings settings, ScanFramer framer, Listener listener, Options options) {
        options.owners().claim(settings.port(), options.owner());
        SerialLink link = new SerialLink(settings, framer, listener, options);
        long every = options.healthEvery().toMillis();
        link.health = SerialThreads.SCHEDULER.scheduleWithFixedDelay(link::checkHealth, every, every, TimeUnit.MILLISECONDS);
        if (framer.suffix() == ScanFramer.Suffix.NONE) {
            long gap = Math.max(5, framer.gap().toMillis() / 2);
            link.idleFlush = SerialThreads.SCHEDULER.scheduleWithFixedDelay(link::flushIdle, gap, gap, TimeUnit.MILLISECONDS);
        }
        SerialThreads.SCHEDULER.execute(link::connect);
        return link;
    }

    public SerialSettings settings() { return settings; }

    /** Null until the first connect attempt finished. */
    public Status status() { return status; }

    /** Why the link is OFFLINE; null when ONLINE. */
    public String lastError() { return lastError; }

    public Counters counters() {
        return new Counters(frames.get(), rejected.get(), reconnects.get(), bytes.get(), lastSeen);
    }

    /**
     * Sends bytes to the device (scale request, printer payload). Throws when the link is offline,
     * the write fails, or it does not finish within the timeout (then the link reconnects).
     */
    public void write(byte[] data, Duration timeout) throws IOException {
        synchronized (writeLock) {
            Connection c = current;
            if (closed) throw new IOException("serial link " + settings.port() + " is closed");
            if (c == null || status != Status.ONLINE) throw new IOException("serial port " + settings.port() + " is offline"
                    + (lastError == null ? "" : ": " + lastError));
            try {
                PortIo.write(c.port, data, timeout);
            } catch (IOException e) {
                SerialThreads.SCHEDULER.execute(() -> lose(c, e.getMessage()));
                throw e;
            }
        }
    }

    /** Stops reading and reconnecting, closes the port and gives it back. Waits for that (a few seconds at most). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Runnable stop = () -> {
            for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {retry, health, idleFlush}) if (f != null) f.cancel(false);
            if (current != null) current.close();
            current = null;
            options.owners().release(settings.port(), options.owner());
        };
        if (Thread.currentThread().getName().startsWith("serial-links")) { stop.run(); return; }
        try {
            CompletableFuture.runAsync(stop, SerialThreads.SCHEDULER).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("closing serial link %s: %s", settings.port(), e.toString());
        }
    }

    private void connect() {
        retry = null;
        if (closed || current != null) return;
        SerialPort port = new SerialPort(settings.port());
        try {
            Path device = PortIo.device(settings.port());
            boolean confirmed = PortIo.open(port, settings);
            if (!confirmed && !warnedParams) {
                warnedParams = true; // a pseudo-terminal always says false here; once is enough
                LOG.infof("serial port %s: line settings %s not confirmed by the driver (normal on a pseudo-terminal)", settings.port(), settings);
            }
            Connection c = new Connection(port, device);
            synchronized (framer) { framer.reset(); }
            current = c;
            SerialReaders.add(c);
        } catch (Exception e) {
            PortIo.close(port);
            offline(e.getMessage());
            scheduleRetry();
            return;
        }
        if (everOnline) reconnects.incrementAndGet();
        everOnline = true;
        nextRetry = options.firstRetry();
        lastError = null;
        status = Status.ONLINE;
        LOG.infof("serial port %s online (%s)", settings.port(), options.owner());
        notifyStatus(Status.ONLINE, null);
    }

    /** The connection failed: close it, report OFFLINE once, and try again later. */
    private void lose(Connection c, String error) {
        if (closed || c != current) return;
        c.close();
        current = null;
        offline(error);
        scheduleRetry();
    }

    private void offline(String error) {
        lastError = error;
        if (status == Status.OFFLINE) return;
        status = Status.OFFLINE;
        LOG.warnf("serial port %s offline (%s): %s", settings.port(), options.owner(), error);
        notifyStatus(Status.OFFLINE, error);
    }

    private void scheduleRetry() {
        if (closed || retry != null) return;
        retry = SerialThreads.SCHEDULER.schedule(this::connect, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
        Duration doubled = nextRetry.multipliedBy(2);
        nextRetry = doubled.compareTo(options.maxRetry()) > 0 ? options.maxRetry() : doubled;
    }

    /** A pseudo-terminal whose far end died never fails a read, so the path itself is watched. */
    private void checkHealth() {
        Connection c = current;
        if (closed || c == null) return;
        try {
            Path now = PortIo.device(settings.port());
            if (!now.equals(c.device)) lose(c, "serial port " + settings.port() + " now points to another device (" + now + ")");
        } catch (IOException e) {
            lose(c, e.getMessage());
        }
    }

    private void flushIdle() {
        List<ScanFramer.Result> results;
        synchronized (framer) { results = framer.flushIfIdle(System.nanoTime()); }
        deliver(results);
    }

    private void received(byte[] chunk) {
        bytes.addAndGet(chunk.length);
        lastSeen = Instant.now();
        List<ScanFramer.Result> results;
        synchronized (framer) { results = framer.accept(chunk, System.nanoTime()); }
        deliver(results);
    }

    private void deliver(List<ScanFramer.Result> results) {
        for (ScanFramer.Result r : results) {
            try {
                if (r instanceof ScanFramer.Frame f) {
                    frames.incrementAndGet();
                    listener.onFrame(f.text());
                } else if (r instanceof ScanFramer.Rejected x) {
                    rejected.incrementAndGet();
                    LOG.debugf("serial port %s rejected %s: %s", settings.port(), x.reason(), x.raw());
                    listener.onRejected(x.reason(), x.raw());
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "serial port %s: listener failed", settings.port());
            }
        }
    }

    private void notifyStatus(Status s, String error) {
        try {
            listener.onStatus(s, error);
        } catch (RuntimeException e) {
            LOG.warnf(e, "serial port %s: status listener failed", settings.port());
        }
    }

    @Override
    public String toString() {
        return "SerialLink[" + settings.port() + ", " + options.owner() + ", " + status + "]";
    }
}
