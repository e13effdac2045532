package io.surgewms.platform;

import java.util.List;

/** One page of a list: 0-based page number, the page size asked for, and the total row count. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;

    /** Clamps client paging to sane bounds: size 1..500, page >= 0. */
    public static int size(Integer size) {
        if (size == null) return 50;
        if (size < 1 || size > MAX_SIZE) throw ProblemException.invalid("size", "must be between 1 and " + MAX_SIZE);
        return size;
    }

    public static int page(Integer page) {
        if (page == null) return 0;
        if (page < 0) throw ProblemException.invalid("page", "must be 0 or more");
        return page;
    }
}
