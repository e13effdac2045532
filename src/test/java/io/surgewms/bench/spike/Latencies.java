package io.surgewms.bench.spike;

import java.util.Arrays;

/** Latencies in nanoseconds, appended from many threads; percentiles in milliseconds. */
public final class Latencies {
    private long[] v = new long[1 << 14];
    private int n;

    public synchronized void add(long nanos) {
        if (n == v.length) v = Arrays.copyOf(v, n * 2);
        v[n++] = nanos;
    }

    public synchronized int count() { return n; }

    public synchronized double pct(double p) {
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * n) - 1;
        return s[Math.max(0, Math.min(n - 1, i))] / 1e6;
    }
}
