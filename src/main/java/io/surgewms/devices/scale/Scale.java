package io.surgewms.devices.scale;

import io.surgewms.devices.serial.SerialLink;
import io.surgewms.devices.serial.SerialSettings;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scale on a serial port, over a supervised {@link SerialLink} (so it survives being unplugged).
 * A continuous scale keeps its latest reading; an on-request scale is asked by {@link #read}. A
 * reading is forgotten on an error line, garbage or going offline, so a stale weight is never shown.
 */
public final class Scale implements AutoCloseable {

    private final ScaleProtocol protocol;
    private final ScaleProtocol.Decoder decoder;
    private final SerialLink link;
    private final Object requestLock = new Object();

    // Guarded by this.
    private ScaleReading latest;
    private String lastError;
    private CompletableFuture<ScaleReading> waiting;


    private Scale(ScaleProtocol protocol, SerialSettings settings, SerialLink.Options options) {
        this.protocol = protocol;
        this.decoder = protocol.decoder();
        this.link = SerialLink.open(settings, protocol.framer(), new Listener(), options);
    }

    /** Claims the port and starts the link (it connects in the background and keeps reconnecting). */
    public static Scale open(SerialSettings settings, ScaleProtocol protocol, SerialLink.Options options) {
        return new Scale(protocol, settings, options);
    }

    public ScaleProtocol protocol() { return protocol; }

    public SerialLink link() { return link; }

    /** The last good reading of a continuous scale, empty after an error, garbage or going offline. */
    public synchronized Optional<ScaleReading> latest() {
        return Optional.ofNullable(latest);
    }

    /** Why the last line gave no weight, null after a good one. */
    public synchronized String lastError() {
        return lastError;
    }

    /** A stable weight (on-request: asks with the stable command; continuous: waits for the next line). */
    public ScaleReading read(Duration timeout) throws ScaleException {
        return read(true, timeout);
    }

    /**
     * Asks for a weight and waits for it. {@code stableOnly=false} uses the immediate command where the
     * protocol has one (MT-SICS SI); check {@link ScaleReading#stable()} before booking such a weight.
     */
    public ScaleReading read(boolean stableOnly, Duration timeout) throws ScaleException {
        synchronized (requestLock) { // one question on the wire at a time
            long deadline = System.nanoTime() + timeout.toNanos();
            CompletableFuture<ScaleReading> answer = new CompletableFuture<>();
            synchronized (this) {
                decoder.reset();
                waiting = answer;
            }
            try {
                byte[] request = protocol.request(stableOnly);
                if (request != null) link.write(request, timeout);
                return answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (IOException e) {
                throw new ScaleException("scale on " + link.settings().port() + ": " + e.getMessage());
            } catch (TimeoutException e) {
                throw new ScaleException("no weight from scale on " + link.settings().port() + " within " + timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof ScaleException se ? se : new ScaleException(String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScaleException("interrupted while waiting for the scale");
            } finally {
                synchronized (this) { if (waiting == answer) waiting = null; }
            }
        }
    }

    @Override
    public void close() {
        link.close();
    }

    /** Frames from the link, on its reader thread. */
    private final class Listener implements SerialLink.Listener {
        @Override
        public void onFrame(String text) {
            synchronized (Scale.this) {
                try {
                    ScaleReading r = decoder.accept(text);
                    if (r == null) return;
                    latest = r;
                    lastError = null;
                    if (waiting != null) waiting.complete(r);
                } catch (ScaleException e) {
                    fail(e.getMessage());
                }
            }
        }

        @Override
        public void onRejected(String reason, String raw) {
            synchronized (Scale.this) {
                decoder.reset();
                fail("garbled scale line (" + reason + "): '" + raw + "'");
            }
        }

        @Override
        public void onStatus(SerialLink.Status status, String error) {
            if (status == SerialLink.Status.OFFLINE) synchronized (Scale.this) { fail("scale offline: " + error); }
        }
    }

    private void fail(String error) {
        latest = null;
        lastError = error;
        if (waiting != null) waiting.completeExceptionally(new ScaleException(error));
    }
}
