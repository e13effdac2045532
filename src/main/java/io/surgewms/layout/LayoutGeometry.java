package io.surgewms.layout;

/**
 * Geometry of a rectangular layout: parallel aisles along y, cross aisles along x.
 * Aisle a (1-based) has its centreline at x = (a-1)·aislePitch; both rack faces of an aisle
 * are picked from that line. The front cross aisle's centreline is y = 0; the bays of an aisle
 * are split into {@code crossAisles + 1} blocks, each block followed by a cross aisle
 * (the last one being the back cross aisle). The depot lies on the front cross aisle.
 */
public record LayoutGeometry(int aisles, int bays, int crossAisles,
                             double bayWidth, double aislePitch, double crossAisleWidth,
                             double depotX, double depotY) {

    public LayoutGeometry {
        if (aisles < 1 || bays < 1 || crossAisles < 0 || crossAisles + 1 > bays)
            throw new IllegalArgumentException("need aisles >= 1, bays >= 1 and at most one cross aisle per bay");
        if (bayWidth <= 0 || aislePitch <= 0 || crossAisleWidth <= 0)
            throw new IllegalArgumentException("widths must be positive");
    }

    public int blocks() { return crossAisles + 1; }

    /** Block (0-based, from the front) that holds the 1-based bay. Bays are shared out evenly, remainder to the front. */
    public int blockOf(int bay) {
        int base = bays / blocks(), extra = bays % blocks(), first = 1;
        for (int b = 0; b < blocks(); b++) {
            int n = base + (b < extra ? 1 : 0);
            if (bay < first + n) return b;
            first += n;
        }
        throw new IllegalArgumentException("bay " + bay + " outside 1.." + bays);
    }

    /** Number of bays in a block. */
    public int baysInBlock(int block) {
        return bays / blocks() + (block < bays % blocks() ? 1 : 0);
    }

    /** Centreline y of cross aisle k: 0 is the front, blocks() is the back. */
    public double crossAisleY(int k) {
        double y = 0;
        for (int b = 0; b < k; b++) y += crossAisleWidth + baysInBlock(b) * bayWidth;
        return y;
    }

    public double aisleX(int aisle) { return (aisle - 1) * aislePitch; }

    /** Centre y of a 1-based bay. */
    public double bayY(int bay) {
        int block = blockOf(bay), first = 1;
        for (int b = 0; b < block; b++) first += baysInBlock(b);
        return crossAisleY(block) + crossAisleWidth / 2 + (bay - first + 0.5) * bayWidth;
    }

    /** Length of the whole picking area from front to back cross aisle centrelines. */
    public double depth() { return crossAisleY(blocks()); }
}
