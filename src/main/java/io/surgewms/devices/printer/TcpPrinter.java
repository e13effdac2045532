package io.surgewms.devices.printer;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A label printer on raw TCP (port 9100): sends ZPL jobs, asks {@code ~HS} host status and its label counter.
 *
 * <h2>Why a job is confirmed by ~HS</h2>
 * A finished socket write only means the bytes sit in this machine's send buffer; a printer that
 * accepts the connection and never reads (busy, hung, buffer full) looks exactly like one that
 * printed. So {@link #send} writes {@code ~HS} right behind the job and waits for the answer. The
 * printer reads its input in order, so an answer to a {@code ~HS} that came after the job proves the
 * printer took in every byte of the job: {@link Delivery.Outcome#CONFIRMED}, with the status read at
 * that moment (paper out, head open, ...).
 *
 * <h2>What "exactly once" can and cannot mean here</h2>
 * Raw TCP has no job ids and no acknowledgement of printing. What this class tells apart:
 * <ul>
 * <li>UNREACHABLE: no byte of the job left this machine, so resending cannot print twice.</li>
 * <li>CONFIRMED: the printer took in the whole job. It can still fail to print it: a printer that
 * loses power after reading the bytes forgets its buffer, and nothing on the wire says so. Use the
 * status, and a person at the printer, for that.</li>
 * <li>UNCONFIRMED: bytes went out but no proof came back. The label may already be printed, or be
 * printed later (e.g. when paper is loaded: some firmware does not answer ~HS at all while paper
 * out or head open). Resending may print it twice, not resending may print it never; the queue has
 * to choose per job (hold it for a person, re-ask {@link #status()}, or resend idempotent labels).</li>
 * </ul>
 * So: at most once per send when UNREACHABLE, at least taken in once when CONFIRMED, never "printed
 * exactly once" in the strict sense.
 *
 * <p>What closes the gap across a crash of the sender: {@link #labelCount()} reads the printer's label
 * counter and the formats in its buffer. Read before a send and again after a sender died mid-send,
 * the difference says whether the printer took the job (see {@code PrintQueue}).
 *
 * <h2>Timeouts</h2>
 * Blocking socket writes in Java have no timeout, so this uses a non-blocking channel and a selector.
 * The connect timeout bounds the connect; the write timeout ends a write that moved no byte for that
 * long (a big job on a slow link keeps going while it moves); the status timeout bounds the wait
 * for the ~HS answer (or, without ~HS, for the printer to close its side). DNS lookup of a host name
 * is not bounded; give printers IP addresses.
 *
 * <p>Plain Java, no CDI; one instance per printer, safe to share between threads (each call opens
 * its own connection). Many printers take one connection at a time, so callers should not run sends
 * to the same printer in parallel.
 */
public final class TcpPrinter {

    public static final int DEFAULT_PORT = 9100;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATUS_TIMEOUT = Duration.ofSeconds(3);
    /** How long to wait for the counter once ~HS has answered: older firmware never answers it. */
    static final Duration COUNTER_GRACE = Duration.ofMillis(300);

    static final byte[] HOST_STATUS = "~HS".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private final Duration statusTimeout;
    private final boolean statusSupported;
    private final boolean counterSupported;

    public TcpPrinter(String host) {
        this(host, DEFAULT_PORT);
    }

    public TcpPrinter(String host, int port) {
        this(host, port, DEFAULT_CONNECT_TIMEOUT, DEFAULT_WRITE_TIMEOUT, DEFAULT_STATUS_TIMEOUT, true, true);
    }

    private TcpPrinter(String host, int port, Duration connect, Duration write, Duration status, boolean statusSupported,
                       boolean counterSupported) {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("no printer host");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("printer port " + port + " is not a TCP port");
        this.host = host;
        this.port = port;
        this.connectTimeout = positive(connect, "connect timeout");
        this.writeTimeout = positive(write, "write timeout");
        this.statusTimeout = positive(status, "status timeout");
        this.statusSupported = statusSupported;
        this.counterSupported = statusSupported && counterSupported;
    }

    /** The same printer with other timeouts. */
    public TcpPrinter withTimeouts(Duration connect, Duration write, Duration status) {
        return new TcpPrinter(host, port, connect, write, status, statusSupported, counterSupported);
    }

    /**
     * The same printer, for models that never answer ~HS: a job counts as delivered ({@link
     * Delivery.Outcome#WRITTEN}) when every byte was written and the printer closed its side after
     * our end of job. Weaker than CONFIRMED: no status, and a printer that keeps the connection open
     * leaves every job UNCONFIRMED.
     */
    public TcpPrinter withoutStatus() {
        return new TcpPrinter(host, port, connectTimeout, writeTimeout, statusTimeout, false, false);
    }

    /** The same printer, for models whose label counter cannot be trusted or asked: see {@link #labelCount()}. */
    public TcpPrinter withoutCounter() {
        return new TcpPrinter(host, port, connectTimeout, writeTimeout, statusTimeout, statusSupported, false);
    }

    public boolean statusSupported() {
        return statusSupported;
    }

    /** Whether {@link #labelCount()} may be asked (needs ~HS too). */
    public boolean counterSupported() {
        return counterSupported;
    }

    /** host:port, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** Sends one job (any number of ^XA…^XZ labels) and says how far it got; never throws for network trouble. */
    public Delivery send(byte[] zpl) {
        if (zpl == null || zpl.length == 0) throw new IllegalArgumentException("empty print job");
        Connection c;
        try {
            c = connect();
        } catch (IOException e) {
            return Delivery.unreachable(e.getMessage());
        }
        ByteBuffer job = ByteBuffer.wrap(zpl);
        try (c) {
            c.write(job, ByteBuffer.wrap(statusSupported ? HOST_STATUS : new byte[0]));
            if (!statusSupported) {
                c.awaitPrinterClose();
                return Delivery.written();
            }
            return Delivery.confirmed(HostStatusParser.parse(c.readAnswer()));
        } catch (IOException e) {
            // Nothing left this machine: as safe to resend as a refused connection.
            if (job.position() == 0) return Delivery.unreachable(address() + ": nothing sent: " + reason(e));
            return Delivery.unconfirmed(address() + ": " + job.position() + " of " + zpl.length
                    + " bytes written, then " + reason(e));
        }
    }

    /** Asks ~HS only. Throws when the printer cannot be reached or does not answer well in time. */
    public PrinterStatus status() throws IOException {
        try (Connection c = connect()) {
            c.write(ByteBuffer.wrap(HOST_STATUS));
            return HostStatusParser.parse(c.readAnswer());
        } catch (StatusAnswerException | ConnectException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(address() + ": no status: " + reason(e), e);
        }
    }

    /**
     * Asks the label counter ({@code odometer.total_label_count}) and ~HS on one connection, within the
     * status timeout. A printer that answers ~HS but not the counter (older firmware) gives a count
     * with {@code printed} null, after a short grace. Throws like {@link #status()} when the printer
     * cannot be reached or does not answer ~HS.
     */
    public LabelCount labelCount() throws IOException {
        if (!counterSupported) throw new IllegalStateException(address() + " keeps no label counter");
        try (Connection c = connect()) {
            c.write(ByteBuffer.wrap(LabelCount.REQUEST), ByteBuffer.wrap(HOST_STATUS));
            return LabelCount.parse(c.readAnswer(true));
        } catch (StatusAnswerException | ConnectException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(address() + ": no label count: " + reason(e), e);
        }
    }

    private Connection connect() throws IOException {
        InetSocketAddress to = new InetSocketAddress(host, port);
        if (to.isUnresolved()) throw unreachable("unknown host", new UnknownHostException(host));
        SocketChannel channel = SocketChannel.open();
        Selector selector;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        Connection c = new Connection(channel, selector);
        try {
            channel.configureBlocking(false);
            c.key = channel.register(selector, SelectionKey.OP_CONNECT);
            if (!channel.connect(to)) {
                long deadline = System.nanoTime() + connectTimeout.toNanos();
                while (!channel.finishConnect()) {
                    c.await(deadline, "connect timed out after " + connectTimeout.toMillis() + " ms");
                }
            }
            // A local printer port with nothing listening can "connect" to itself (TCP simultaneous open when the
            // kernel picks that same port as the local end): that is no printer, it is a refused connection.
            if (channel.getLocalAddress() instanceof InetSocketAddress local && channel.getRemoteAddress() instanceof InetSocketAddress remote
                    && local.getPort() == remote.getPort() && local.getAddress().equals(remote.getAddress()))
                throw new ConnectException("Connection refused (connected to itself)");
            return c;
        } catch (IOException e) {
            c.close();
            throw unreachable(reason(e), e);
        }
    }

    private ConnectException unreachable(String why, Throwable cause) {
        ConnectException e = new ConnectException(address() + " unreachable: " + why);
        e.initCause(cause);
        return e;
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive");
        return d;
    }

    /** One open connection: a non-blocking channel and the selector that waits on it. */
    private final class Connection implements AutoCloseable {
        private final SocketChannel channel;
        private final Selector selector;
        private SelectionKey key;

        Connection(SocketChannel channel, Selector selector) {
            this.channel = channel;
            this.selector = selector;
        }

        /** Writes all buffers; fails when no byte moved for the write timeout. */
        void write(ByteBuffer... buffers) throws IOException {
            key.interestOps(SelectionKey.OP_WRITE);
            long stall = writeTimeout.toNanos();
            long deadline = System.nanoTime() + stall;
            while (remaining(buffers)) {
                if (channel.write(buffers) > 0) {
                    deadline = System.nanoTime() + stall;
                    continue;
                }
                await(deadline, "printer took no data for " + writeTimeout.toMillis() + " ms");
            }
        }

        private boolean remaining(ByteBuffer[] buffers) {
            for (ByteBuffer b : buffers) if (b.hasRemaining()) return true;
            return false;
        }

        String readAnswer() throws IOException {
            return readAnswer(false);
        }

        /**
         * Reads until the third ETX of the ~HS answer; with {@code counter}, also until the quoted
         * getvar answer, which may come before or after it, or never ({@link #COUNTER_GRACE} after ~HS).
         */
        String readAnswer(boolean counter) throws IOException {
            key.interestOps(SelectionKey.OP_READ);
            byte[] answer = new byte[HostStatusParser.MAX_ANSWER];
            ByteBuffer into = ByteBuffer.wrap(answer);
            long deadline = System.nanoTime() + statusTimeout.toNanos();
            boolean status = false;
            while (true) {
                if (!status && HostStatusParser.isComplete(answer, into.position())) {
                    status = true;
                    deadline = Math.min(deadline, System.nanoTime() + COUNTER_GRACE.toNanos());
                }
                if (status && (!counter || LabelCount.hasValue(answer, into.position()))) break;
                if (!into.hasRemaining()) throw new StatusAnswerException("no ~HS answer in the first " + answer.length + " bytes");
                int n = channel.read(into);
                if (n < 0 && status) break;
                if (n < 0) throw new EOFException("printer closed the connection before answering ~HS (" + into.position() + " bytes of answer)");
                if (n > 0) continue;
                try {
                    await(deadline, "no ~HS answer within " + statusTimeout.toMillis() + " ms");
                } catch (SocketTimeoutException e) {
                    if (status) break; // ~HS answered, the counter did not: older firmware
                    throw e;
                }
            }
            return new String(answer, 0, into.position(), StandardCharsets.ISO_8859_1);
        }

        /** Ends our side and waits for the printer to end its side, i.e. it read up to our end. */
        void awaitPrinterClose() throws IOException {
            channel.shutdownOutput();
            key.interestOps(SelectionKey.OP_READ);
            ByteBuffer sink = ByteBuffer.allocate(512);
            long deadline = System.nanoTime() + statusTimeout.toNanos();
            while (true) {
                sink.clear();
                int n = channel.read(sink);
                if (n < 0) return;
                if (n == 0) await(deadline, "printer did not close its side within " + statusTimeout.toMillis() + " ms");
            }
        }

        /** Waits for the channel to be ready, or fails at the deadline. */
        void await(long deadline, String timeoutMessage) throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new SocketTimeoutException(timeoutMessage);
            selector.select(Math.max(1, Duration.ofNanos(left).toMillis()));
            selector.selectedKeys().clear();
        }

        /** Never throws: a failing close must not turn a confirmed delivery into an error. */
        @Override
        public void close() {
            try {
                selector.close();
            } catch (IOException ignored) {
                // the selector holds no printer data
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // the outcome is already decided by what was written and read
            }
        }
    }
}
