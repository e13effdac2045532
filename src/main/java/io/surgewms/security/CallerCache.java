package io.surgewms.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a token or key is, remembered for a few seconds: a channel pushing thousands of orders a
 * second should not cost a query per request. Sign-out, revocation and user changes on this
 * instance forget at once; on another instance they take effect within the TTL.
 */
final class CallerCache {

    private record Entry(Caller caller, long until) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlMillis;

    CallerCache(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    Caller get(String hash) {
        Entry e = entries.get(hash);
        if (e == null) return null;
        if (e.until() < System.currentTimeMillis()) {
            entries.remove(hash, e);
            return null;
        }
        return e.caller();
    }

    void put(String hash, Caller c) {
        if (entries.size() > 10_000) entries.clear(); // a bound: every entry is cheap to read again
        entries.put(hash, new Entry(c, System.currentTimeMillis() + ttlMillis));
    }

    void forget(String hash) {
        entries.remove(hash);
    }

    void clear() {
        entries.clear();
    }
}
