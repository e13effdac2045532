package io.surgewms.bench.ship;

import io.surgewms.labels.LabelSize;
import io.surgewms.labels.PdfToZpl;
import io.surgewms.labels.TikTokLabelPdf;

import java.util.List;

/**
 * PDF labels to ZPL on one thread ({@link PdfToZpl#convert}, what the buyer runs for a provider's PDF label), on the
 * same real-looking 4x6 carrier label the converter's own tests and bench use ({@link TikTokLabelPdf}).
 */
public final class PdfRate {
    private PdfRate() {}

    /** Conversions per second at 203 dpi over about {@code seconds}, after a warm-up. */
    public static double perSecond(double seconds) {
        byte[] pdf = TikTokLabelPdf.pdf(TikTokLabelPdf.Paper.IN_4X6, List.of(TikTokLabelPdf.sample(1)));
        List<String> pages = PdfToZpl.convert(pdf, 203, LabelSize.IN_4X6);
        if (pages.size() != 1 || !pages.get(0).contains("^XA")) throw new IllegalStateException("not one ZPL label: " + pages.size() + " pages");
        for (int i = 0; i < 20; i++) PdfToZpl.convert(pdf, 203, LabelSize.IN_4X6); // warm-up
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        int n = 0;
        while (System.nanoTime() < end) {
            PdfToZpl.convert(pdf, 203, LabelSize.IN_4X6);
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
