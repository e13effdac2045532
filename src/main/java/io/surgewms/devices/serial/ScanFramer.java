package io.surgewms.devices.serial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the byte stream of a serial scanner (or a scale's lines) into frames. Pure: no I/O, no
 * clock of its own, so every edge case is a fast unit test. Not thread-safe; its owner serialises calls.
 * <p>
 * A frame ends at the configured suffix, or with {@link Suffix#NONE} when the line stays quiet for
 * the gap. A frame holding a non-printable byte, or longer than the maximum, is rejected (and an
 * over-long one is skipped up to the next suffix, so the next good scan still arrives). The text is
 * handed on as sent: check digits and GS1 grammar belong to the scan pipeline, not here.
 */
public final class ScanFramer {

    public enum Suffix { CR, LF, CRLF, TAB, NONE }

    public sealed interface Result permits Frame, Rejected {}

    /** A complete scan, prefix stripped, printable ASCII only. */
    public record Frame(String text) implements Result {}

    /** Something that is not a scan; {@code raw} is the bytes escaped for a log or a screen. */
    public record Rejected(String reason, String raw) implements Result {}

    public static final int DEFAULT_MAX_LENGTH = 64;
    public static final Duration DEFAULT_GAP = Duration.ofMillis(50);

    private static final byte CR = '\r', LF = '\n', TAB = '\t';

    private final Suffix suffix;
    private final byte[] prefix;
    private final int maxLength;
    private final long gapNanos;
    private final int slack;
    private final boolean[] ignored = new boolean[256];

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean skipping;      // over-long frame: drop bytes until the next frame boundary
    private boolean afterCr;       // the last byte ended a frame with CR (a following LF is its pair)
    private long lastByteNanos;

    public ScanFramer(Suffix suffix, String prefix, int maxLength, Duration gap) {
        if (suffix == null) throw new IllegalArgumentException("suffix is required (CR, LF, CRLF, TAB or NONE)");
        if (maxLength < 1) throw new IllegalArgumentException("max frame length must be positive, got " + maxLength);
        if (gap == null || gap.isNegative() || gap.isZero()) throw new IllegalArgumentException("gap must be positive");
        this.suffix = suffix;
        this.prefix = prefix == null ? new byte[0] : prefix.getBytes(StandardCharsets.ISO_8859_1);
        this.maxLength = maxLength;
        this.gapNanos = gap.toNanos();
        // Room for the prefix and a CR of CRLF; the exact text length is checked when the frame ends.
        this.slack = this.prefix.length + (suffix == Suffix.LF || suffix == Suffix.CRLF ? 1 : 0);
    }

    public ScanFramer(Suffix suffix) {
        this(suffix, null, DEFAULT_MAX_LENGTH, DEFAULT_GAP);
    }

    /**
     * Bytes dropped before framing, e.g. LF and ETX for an NCI scale whose reply is
     * {@code <LF>weight<CR><LF>status<CR><ETX>}. Answers this framer.
     */
    public ScanFramer ignoring(byte... bytes) {
        for (byte b : bytes) ignored[b & 0xff] = true;
        return this;
    }

    public Suffix suffix() { return suffix; }

    public Duration gap() { return Duration.ofNanos(gapNanos); }

    /** Forgets a half-received frame (the port was reopened). */
    public void reset() {
        buffer.reset();
        skipping = false;
        afterCr = false;
    }

    /** Feeds bytes that arrived at {@code nanoTime} ({@link System#nanoTime()}); answers the frames they completed. */
    public List<Result> accept(byte[] chunk, long nanoTime) {
        List<Result> out = new ArrayList<>();
        if (suffix == Suffix.NONE) flushIfIdle(nanoTime, out);
        for (byte b : chunk) {
            if (ignored[b & 0xff]) continue;
            boolean pairedLf = afterCr && b == LF;
            afterCr = false;
            if (pairedLf && suffix != Suffix.LF && suffix != Suffix.CRLF) continue; // CRLF from a CR-configured device
            if (endsFrame(b)) {
                afterCr = b == CR;
                finish(out);
                continue;
            }
            if (skipping) continue;
            if (buffer.size() >= maxLength + slack) {
                out.add(new Rejected("frame longer than " + maxLength + " bytes", escape(buffer.toByteArray()) + "..."));
                buffer.reset();
                skipping = true;
                continue;
            }
            buffer.write(b);
        }
        if (chunk.length > 0) lastByteNanos = nanoTime;
        return out;
    }

    /** In gap mode, answers the pending frame once the line has been quiet for the gap; else nothing. */
    public List<Result> flushIfIdle(long nanoTime) {
        List<Result> out = new ArrayList<>();
        if (suffix == Suffix.NONE) flushIfIdle(nanoTime, out);
        return out;
    }

    private void flushIfIdle(long nanoTime, List<Result> out) {
        if ((buffer.size() > 0 || skipping) && nanoTime - lastByteNanos >= gapNanos) finish(out);
    }

    private boolean endsFrame(byte b) {
        return switch (suffix) {
            case CR -> b == CR;
            case LF, CRLF -> b == LF;
            case TAB -> b == TAB;
            case NONE -> false;
        };
    }

    private void finish(List<Result> out) {
        byte[] raw = buffer.toByteArray();
        buffer.reset();
        if (skipping) { skipping = false; return; }
        int end = raw.length;
        // A CR before the LF belongs to the suffix (CRLF, or an LF device that sends CRLF).
        if ((suffix == Suffix.CRLF || suffix == Suffix.LF) && end > 0 && raw[end - 1] == CR) end--;
        int start = startsWithPrefix(raw, end) ? prefix.length : 0;
        if (end - start <= 0) return; // empty frames: a stray suffix, a bare prefix
        if (end - start > maxLength) {
            out.add(new Rejected("frame longer than " + maxLength + " bytes", escape(raw)));
            return;
        }
        for (int i = start; i < end; i++) {
            if (raw[i] < 0x20 || raw[i] > 0x7e) {
                out.add(new Rejected("non-printable byte 0x" + String.format("%02X", raw[i] & 0xff) + " in frame", escape(raw)));
                return;
            }
        }
        out.add(new Frame(new String(raw, start, end - start, StandardCharsets.US_ASCII)));
    }

    private boolean startsWithPrefix(byte[] raw, int end) {
        if (prefix.length == 0 || end < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (raw[i] != prefix[i]) return false;
        return true;
    }

    /** Printable ASCII as is, {@code \r \n \t \\} and {@code \xHH} for the rest: safe to log and show. */
    public static String escape(byte[] raw) {
        StringBuilder b = new StringBuilder(raw.length + 8);
        for (byte x : raw) {
            int c = x & 0xff;
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) b.append((char) c);
                    else b.append(String.format("\\x%02X", c));
                }
            }
        }
        return b.toString();
    }
}
