package io.surgewms.layout;

import java.util.concurrent.atomic.AtomicInteger;

/** Zone names no other test uses (tests share one database): three letters from "QAA" on. */
final class Zones {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Zones() {}

    static String next() {
        int n = NEXT.getAndIncrement();
        return "Q" + (char) ('A' + n / 26 % 26) + (char) ('A' + n % 26);
    }
}
