package io.surgewms.labels;

/**
 * Label stock the printer is loaded with. US carriers use 4 x 6 in, most European carriers 100 x 150 mm
 * (13 dots narrower and 19 shorter at 203 dpi); the shipping layout fits both, only the page differs.
 */
public enum LabelSize {
    IN_4X6(101.6, 152.4),
    MM_100X150(100, 150);

    private final double widthMm, heightMm;

    LabelSize(double widthMm, double heightMm) {
        this.widthMm = widthMm;
        this.heightMm = heightMm;
    }

    /** Print width in dots ({@code ^PW}), rounded from the physical size, not scaled from 203 dpi. */
    public int widthDots(int dpi) {
        return (int) Math.round(widthMm / 25.4 * dpi);
    }

    /** Label length in dots ({@code ^LL}). */
    public int heightDots(int dpi) {
        return (int) Math.round(heightMm / 25.4 * dpi);
    }

    /** PDF page width in points (1/72 in). */
    public float widthPt() {
        return (float) (widthMm / 25.4 * 72);
    }

    public float heightPt() {
        return (float) (heightMm / 25.4 * 72);
    }
}
