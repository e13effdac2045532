package io.surgewms.devices.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Zebra-style printer on a loopback port for tests: reads ZPL, records each {@code ^XA…^XZ} label
 * in order, and answers {@code ~HS} with the flags set here and the label counter (SGD {@code getvar
 * "odometer.total_label_count"}) with the number of labels received. Modes: {@link #up()}, {@link
 * #down()} (port closed, connections refused; {@code up()} reopens the same port), {@link
 * #acceptButNeverRead()}, {@link #noStatus()} and {@link #noCounter()}. A connection ends when the
 * client ends its side, like a printer on port 9100. {@code ~HS} or getvar inside a label is not
 * answered (real printers would).
 */
public final class FakeZebra implements AutoCloseable {

    private enum Mode { UP, ACCEPT_BUT_NEVER_READ, NO_STATUS, NO_COUNTER }

    /** Small on purpose, so a printer that never reads fills up after a few MB, not tens. */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final byte[] LABEL_START = "^XA".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL_END = "^XZ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HOST_STATUS = "~HS".getBytes(StandardCharsets.US_ASCII);
    /** Upper case, as tokens are matched ignoring case; SGD commands end with CR LF. */
    private static final byte[] LABEL_COUNT = "! U1 GETVAR \"ODOMETER.TOTAL_LABEL_COUNT\"\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final List<byte[]> labels = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger statusAnswers = new AtomicInteger();
    private final AtomicInteger counterAnswers = new AtomicInteger();
    private volatile Mode mode = Mode.UP;
    private volatile boolean paperOut, headOpen, paused;
    private ServerSocket server;
    private Thread acceptor; // the thread accepting on server

    private FakeZebra() throws IOException {
        server = listen(0);
        port = server.getLocalPort();
        startAcceptor(server);
    }

    /** A printer that is up, on an ephemeral loopback port. */
    public static FakeZebra start() throws IOException {
        return new FakeZebra();
    }

    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    public int port() {
        return port;
    }

    /** A TcpPrinter aimed at this fake, with the default timeouts. */
    public TcpPrinter printer() {
        return new TcpPrinter(host(), port);
    }

    /** Listening, reading and answering ~HS; reopens the same port after {@link #down()}. */
    public synchronized FakeZebra up() throws IOException {
        mode = Mode.UP;
        if (server == null) {
            server = listen(port);
            startAcceptor(server);
        }
        return this;
    }

    /** Switched off: the port is closed (connections refused) and open connections are cut. */
    public FakeZebra down() {
        Thread accepting;
        synchronized (this) {
            closeQuietly(server);
            server = null;
            accepting = acceptor;
            acceptor = null;
            connections.forEach(FakeZebra::closeQuietly);
            connections.clear();
        }
        // The JDK closes a listening socket that a thread is blocked in accept() on only once that accept returns;
        // until then the kernel still takes connections on the port (seen in CI: a send "to a switched-off printer"
        // was accepted, then cut). Waiting for the acceptor makes down mean refused. Outside the lock, which it takes.
        if (accepting != null) {
            try {
                accepting.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return this;
    }

    /** Accepts new connections but never reads from them nor answers: the sender's buffers fill up. */
    public synchronized FakeZebra acceptButNeverRead() throws IOException {
        up();
        mode = Mode.ACCEPT_BUT_NEVER_READ;
        return this;
    }

    /** Reads and records labels but never answers ~HS, like some cheap printers. */
    public synchronized FakeZebra noStatus() throws IOException {
        up();
        mode = Mode.NO_STATUS;
        return this;
    }

    /** Answers ~HS but not the label counter, like older firmware. */
    public synchronized FakeZebra noCounter() throws IOException {
        up();
        mode = Mode.NO_COUNTER;
        return this;
    }

    public FakeZebra paperOut(boolean on) { paperOut = on; return this; }

    public FakeZebra headOpen(boolean on) { headOpen = on; return this; }

    public FakeZebra paused(boolean on) { paused = on; return this; }

    /** The labels received so far, in order, each ^XA through ^XZ byte for byte. */
    public List<byte[]> labels() {
        List<byte[]> copy = new ArrayList<>();
        for (byte[] label : labels) copy.add(label.clone());
        return copy;
    }

    public int statusAnswers() { return statusAnswers.get(); }

    public int counterAnswers() { return counterAnswers.get(); }

    public int connectionsAccepted() { return accepted.get(); }

    /** Polls until {@code count} labels arrived; false when the timeout ran out first. */
    public boolean awaitLabels(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (labels.size() < count) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }

    /** Closes the port and every connection and waits for its threads to end. */
    @Override
    public void close() throws InterruptedException {
        down();
        for (Thread t : threads) t.join(5000);
    }

    /** The three ~HS strings for the current flags, as a ZT410 would send them. */
    byte[] hostStatusAnswer() {
        String answer = "\u0002030," + bit(paperOut) + "," + bit(paused) + ",1218,000,0,0,0,000,0,0,0\u0003\r\n"
                + "\u0002001,0," + bit(headOpen) + ",0,0,2,6,0,00000000,1,000\u0003\r\n"
                + "\u00021234,0\u0003\r\n";
        return answer.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String bit(boolean on) {
        return on ? "1" : "0";
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.setReceiveBufferSize(RECEIVE_BUFFER); // inherited by accepted sockets
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        return s;
    }

    private void startAcceptor(ServerSocket listening) {
        acceptor = spawn("fake-zebra-accept-" + port, () -> {
            while (true) {
                Socket s;
                try {
                    s = listening.accept();
                } catch (IOException closed) {
                    return;
                }
                synchronized (this) {
                    // down() may have run between accept and here
                    if (server != listening) { closeQuietly(s); return; }
                    connections.add(s);
                    accepted.incrementAndGet();
                    if (mode != Mode.ACCEPT_BUT_NEVER_READ) spawn("fake-zebra-read-" + port, () -> serve(s));
                }
            }
        });
    }

    private Thread spawn(String name, Runnable work) {
        threads.removeIf(done -> !done.isAlive());
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    /** Reads until the client ends its side, then closes (an orderly close the sender can see). */
    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            Stream stream = new Stream();
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                stream.append(chunk, n);
                while (stream.next(out)) {
                    // one label or one ~HS per step
                }
            }
        } catch (IOException cut) {
            // down() or the client reset the connection
        } finally {
            connections.remove(s);
        }
    }

    /** Bytes received on one connection and not yet taken as a label or a ~HS. */
    private final class Stream {
        private byte[] buf = new byte[8192];
        private int len;
        private boolean inLabel;
        private int scanFrom;

        void append(byte[] data, int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            System.arraycopy(data, 0, buf, len, n);
            len += n;
        }

        /** Takes one label or answers one ~HS; false when more bytes are needed. */
        boolean next(OutputStream out) throws IOException {
            if (inLabel) {
                int end = indexOf(LABEL_END, scanFrom);
                if (end < 0) { scanFrom = Math.max(LABEL_START.length, len - 2); return false; }
                labels.add(Arrays.copyOfRange(buf, 0, end + LABEL_END.length));
                drop(end + LABEL_END.length);
                inLabel = false;
                return true;
            }
            int start = indexOf(LABEL_START, 0), ask = indexOf(HOST_STATUS, 0), count = indexOf(LABEL_COUNT, 0);
            if (first(ask, start, count)) {
                drop(ask + HOST_STATUS.length);
                if (mode == Mode.UP || mode == Mode.NO_COUNTER) {
                    statusAnswers.incrementAndGet(); // before the answer: the sender may check as soon as it reads it
                    answer(out, hostStatusAnswer());
                }
                return true;
            }
            if (first(count, start, ask)) {
                drop(count + LABEL_COUNT.length);
                if (mode == Mode.UP) {
                    counterAnswers.incrementAndGet();
                    answer(out, ("\"" + labels.size() + "\"").getBytes(StandardCharsets.US_ASCII));
                }
                return true;
            }
            if (start >= 0) {
                drop(start);
                inLabel = true;
                scanFrom = LABEL_START.length;
                return true;
            }
            drop(Math.max(0, len - (LABEL_COUNT.length - 1))); // keep a command cut between two reads
            return false;
        }

        /** The token at {@code at} was found and comes before the others found. */
        private static boolean first(int at, int other, int another) {
            return at >= 0 && (other < 0 || at < other) && (another < 0 || at < another);
        }

        private static void answer(OutputStream out, byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        private int indexOf(byte[] token, int from) {
            outer:
            for (int i = from; i <= len - token.length; i++) {
                for (int j = 0; j < token.length; j++) {
                    if (Character.toUpperCase((char) (buf[i + j] & 0xff)) != token[j]) continue outer;
                }
                return i;
            }
            return -1;
        }

        private void drop(int count) {
            System.arraycopy(buf, count, buf, 0, len - count);
            len -= count;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a test printer
        }
    }
}
