package io.surgewms.devices.serial;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A pair of linked pseudo-terminals from socat: the code under test opens {@link #device()}, the
 * test plays the scanner, scale or printer on {@link #far()}. {@link #unplug()} kills socat so both
 * links vanish; {@link #replug()} starts it again on the same paths (behind them new ptys).
 */
public final class Pty implements AutoCloseable {

    private final Path dir;
    private final Path device, far;
    private Process socat;
    private OutputStream farOut;
    private Thread reader;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile Function<String, String> responder;
    private final StringBuilder pending = new StringBuilder();

    public Pty() throws IOException {
        dir = Files.createTempDirectory("pty");
        device = dir.resolve("ttyDEV");
        far = dir.resolve("ttyFAR");
        replug();
    }

    /** The path the code under test opens. */
    public String device() { return device.toString(); }

    public String far() { return far.toString(); }

    public synchronized void replug() throws IOException {
        if (socat != null) throw new IllegalStateException("already plugged in");
        Files.deleteIfExists(device);
        Files.deleteIfExists(far);
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + far)
                .redirectInput(new File("/dev/null")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(device) && Files.exists(far))) {
            if (!socat.isAlive()) throw new IOException("socat exited with " + socat.exitValue());
            if (System.nanoTime() > deadline) throw new IOException("socat links did not appear in " + dir);
            sleep(10);
        }
    }

    /** Kills socat (the device is pulled out) and waits until both links are gone. */
    public synchronized void unplug() throws IOException {
        if (socat == null) return;
        socat.destroy();
        try {
            if (!socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) socat.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socat = null;
        if (farOut != null) { farOut.close(); farOut = null; }
        Files.deleteIfExists(device); // socat removes them on SIGTERM; a SIGKILL would leave them dangling
        Files.deleteIfExists(far);
        if (reader != null) {
            try { reader.join(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            reader = null;
        }
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public synchronized void write(byte[] bytes) throws IOException {
        if (farOut == null) farOut = new FileOutputStream(far.toFile());
        farOut.write(bytes);
        farOut.flush();
    }

    /** Starts reading the far end (what the code under test wrote) into a buffer. */
    public synchronized void listen() throws IOException {
        if (reader != null) return;
        InputStream in = new FileInputStream(far.toFile());
        reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) onBytes(Arrays.copyOf(buf, n));
            } catch (IOException e) {
                // EIO once socat is gone: the far end was unplugged.
            }
        }, "pty-far-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Answers requests: after each read the text received since the last answer goes to {@code f}; non-null is written back. */
    public void respond(Function<String, String> f) throws IOException {
        responder = f;
        listen();
    }

    private void onBytes(byte[] bytes) throws IOException {
        synchronized (received) { received.write(bytes, 0, bytes.length); }
        Function<String, String> f = responder;
        if (f == null) return;
        pending.append(new String(bytes, StandardCharsets.ISO_8859_1));
        String reply = f.apply(pending.toString());
        if (reply != null) {
            pending.setLength(0);
            write(reply);
        }
    }

    /** Waits (polling) until at least {@code count} bytes arrived at the far end; answers all received. */
    public byte[] awaitReceived(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] now;
            synchronized (received) { now = received.toByteArray(); }
            if (now.length >= count || System.nanoTime() > deadline) return now;
            sleep(10);
        }
    }

    @Override
    public void close() throws IOException {
        unplug();
        Files.deleteIfExists(dir);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
