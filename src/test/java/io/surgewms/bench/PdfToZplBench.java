package io.surgewms.bench;

import io.surgewms.labels.LabelScanner;
import io.surgewms.labels.LabelSize;
import io.surgewms.labels.PdfToZpl;
import io.surgewms.labels.TikTokLabelPdf;
import io.surgewms.labels.TikTokLabelPdf.Content;
import io.surgewms.labels.TikTokLabelPdf.Paper;
import io.surgewms.labels.ZplGraphicReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * TikTok shipping documents (PDF) converted to ZPL graphic labels on one thread (run by bench/pdf-to-zpl.sh):
 * conversions per second of varied 4 x 6 in label PDFs (bytes in memory, after a warm-up), a few other
 * page and printer combinations, then a sample drawn back from the ZPL and every barcode on it decoded.
 */
public final class PdfToZplBench {
    private static final int SAMPLES = 50, ROUND_TRIPS = 36;
    /** CPU time of this thread too: on 2 shared cores the wall-clock rate moves with other people's builds. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        List<byte[]> labels4x6 = pdfs(Paper.IN_4X6), a6 = pdfs(Paper.A6), letter = pdfs(Paper.LETTER);
        long sum = 0;
        for (byte[] p : labels4x6) sum += p.length;
        System.out.printf(Locale.ROOT, "%d sample label PDFs a paper, 4 x 6 in ones %.1f kB on average%n", SAMPLES, sum / 1024.0 / SAMPLES);

        // The first conversion in a JVM pays for class loading and PDFBox's search for system fonts
        long t0 = System.nanoTime();
        PdfToZpl.convert(labels4x6.get(0), 203, LabelSize.IN_4X6);
        System.out.printf(Locale.ROOT, "first conversion in this JVM: %.0f ms%n", (System.nanoTime() - t0) / 1e6);

        double[] main = rate("4x6 page -> 4x6 @ 203 dpi", 4, 6, labels4x6, 203, LabelSize.IN_4X6);
        double[] at300 = rate("4x6 page -> 4x6 @ 300 dpi", 2, 3, labels4x6, 300, LabelSize.IN_4X6);
        double[] fromA6 = rate("A6 page -> 100x150 @ 203 dpi", 2, 3, a6, 203, LabelSize.MM_100X150);
        double[] fromLetter = rate("Letter sheet -> 4x6 @ 203 dpi", 2, 3, letter, 203, LabelSize.IN_4X6);

        int failures = 0;
        long r0 = System.nanoTime();
        Paper[] papers = Paper.values();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            Paper paper = papers[i % papers.length];
            int dpi = (i / papers.length) % 2 == 0 ? 203 : 300;
            LabelSize size = i % 4 == 3 ? LabelSize.MM_100X150 : LabelSize.IN_4X6;
            Content c = TikTokLabelPdf.sample(i * 7);
            String problem = roundTrip(TikTokLabelPdf.pdf(paper, List.of(c)), c, dpi, size);
            if (problem != null) {
                failures++;
                System.out.println("  round trip failed for " + paper + " at " + dpi + " dpi on " + size + ": " + problem);
            }
        }
        double decodeMs = (System.nanoTime() - r0) / 1e6 / ROUND_TRIPS;

        System.out.println();
        System.out.println("| conversion | labels/s (wall) | labels per CPU-second | avg ZPL bytes/label |");
        System.out.println("|---|--:|--:|--:|");
        row("4x6 PDF -> 4x6 ZPL, 203 dpi", main);
        row("4x6 PDF -> 4x6 ZPL, 300 dpi", at300);
        row("A6 PDF -> 100x150 ZPL, 203 dpi", fromA6);
        row("Letter PDF -> 4x6 ZPL, 203 dpi", fromLetter);
        System.out.printf(Locale.ROOT, "round trip: %d conversions (4x6, A6, Letter pages; 203 and 300 dpi) drawn back and every barcode decoded"
                + " (2 x Code 128, QR, DataMatrix): %d failures (%.0f ms per label)%n", ROUND_TRIPS, failures, decodeMs);
        System.out.printf(Locale.ROOT, "one thread, 4x6 at 203 dpi: %.0f labels/s on the clock, %.0f per CPU-second of the thread (load average %.1f on %d cores)%n",
                main[0], main[2], ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "RESULT pdf_to_zpl_per_s=%.0f roundtrip_failures=%d%n", main[0], failures);
    }

    private static List<byte[]> pdfs(Paper paper) {
        List<byte[]> out = new ArrayList<>(SAMPLES);
        for (int i = 0; i < SAMPLES; i++) out.add(TikTokLabelPdf.pdf(paper, List.of(TikTokLabelPdf.sample(i))));
        return out;
    }

    /**
     * Converts for warm-up seconds of this thread's CPU (so the JIT is done even when the cores are busy with other
     * work; at most 5 times that on the clock), then counts for measured seconds on the clock; returns
     * {labels/s, ZPL bytes per label, labels per CPU-second}.
     */
    private static double[] rate(String what, int warmupSeconds, int seconds, List<byte[]> pdfs, int dpi, LabelSize size) {
        int i = 0;
        long cpuEnd = CPU.getCurrentThreadCpuTime() + warmupSeconds * 1_000_000_000L, end = System.nanoTime() + 5L * warmupSeconds * 1_000_000_000L;
        while (CPU.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < end) PdfToZpl.convert(pdfs.get(i++ % SAMPLES), dpi, size);
        int n = 0;
        long bytes = 0, now, start = System.nanoTime(), cpu0 = CPU.getCurrentThreadCpuTime();
        end = start + seconds * 1_000_000_000L;
        do {
            bytes += PdfToZpl.convert(pdfs.get(n++ % SAMPLES), dpi, size).get(0).length();
        } while ((now = System.nanoTime()) < end);
        double s = (now - start) / 1e9, r = n / s, cpuS = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d labels in %.2f s (%.2f s CPU of this thread) after %d warm-up labels = %.0f labels/s%n",
                what, n, s, cpuS, i, r);
        return new double[]{r, (double) bytes / n, n / cpuS};
    }

    private static void row(String what, double[] r) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", what, r[0], r[2], r[1]);
    }

    /** Null when the label drawn back from the ZPL has exactly the barcodes the PDF has, else what differs. */
    static String roundTrip(byte[] pdf, Content c, int dpi, LabelSize size) {
        List<String> zpl = PdfToZpl.convert(pdf, dpi, size);
        Set<String> read = LabelScanner.read(ZplGraphicReader.render(zpl.get(0), size.widthDots(dpi), size.heightDots(dpi)));
        Set<String> drawn = new TreeSet<>(List.of("CODE_128 " + c.tracking(), "CODE_128 " + c.orderId(), "QR_CODE " + c.qr(), "DATA_MATRIX " + c.dataMatrix()));
        return read.equals(drawn) ? null : "read " + read + ", drawn " + drawn;
    }
}
