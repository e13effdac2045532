package io.surgewms.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.surgewms.barcode.Sscc;
import io.surgewms.labels.LabelTemplates;
import io.surgewms.labels.PdfLabelRenderer;
import io.surgewms.labels.PrinterFonts;
import io.surgewms.labels.ShippingLabel;
import io.surgewms.labels.ZplLabelRenderer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;

/**
 * Shipping-label throughput on one thread (run by bench/labels.sh): ZPL and PDF labels per second for
 * varied orders (bytes in memory, after a warm-up), then a sample of the PDFs rasterized at 203 dpi and
 * decoded with ZXing, as a scanner would see a thermal print of them.
 */
public final class LabelBench {
    private static final io.surgewms.labels.PdfLayout LAYOUT = new PdfLabelRenderer().layout();
    private static final io.surgewms.labels.PdfLayout.Element TRACKING_BARS = LAYOUT.element("tracking"), SSCC_BARS = LAYOUT.element("sscc");
    private static final int ORDERS = 500, SAMPLE = 50;
    /** CPU time of this thread too: on 2 shared cores the wall-clock rate moves with other people's builds. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    // Names and streets of varied length and script (Latin with diacritics, Greek, Cyrillic, Turkish, one CJK): in ZPL the
    // fields font 0 cannot print go as pictures (a printer without a Unicode font), in PDF CJK prints as '?'
    private static final String[] NAMES = {"Li Wei", "Zofia Müller-Łukasiewicz", "Jean-Baptiste de La Rochefoucauld-Liancourt",
            "Иван Петров", "Αικατερίνη Παπαδοπούλου", "Şükrü Öztürk", "O'Brien & Sons Ltd.", "Ana", "Dr. Maximilian Alexander von Hohenzollern-Sigmaringen",
            "山田 太郎", "Søren Kierkegaard", "Nguyễn Văn An"};
    private static final String[] STREETS = {"ul. Piotrkowska 104/12", "1 Main St", "Lagerstraße 12", "ул. Тверская, д. 7, кв. 15",
            "Λεωφόρος Βασιλίσσης Σοφίας 45", "Cumhuriyet Cad. No:12 Şişli", "Unit 4B, Riverside Industrial Estate, Long Lane North",
            "Apt 7", "c/o Front Desk", "Building 3, Floor 12, Suite 1204", "Klatka B", "Hinterhaus, 3. OG links"};
    private static final String[] CITIES = {"Łódź", "Berlin", "Москва", "Αθήνα", "İstanbul", "London", "Saint-Rémy-de-Provence", "Llanfairpwllgwyngyll"};
    private static final String[] CARRIERS = {"DHL", "UPS", "DPD", "GLS", "PostNL", "InPost"};

    public static void main(String[] args) throws Exception {
        List<ShippingLabel> labels = orders(new Random(20261122));
        ZplLabelRenderer zpl = new ZplLabelRenderer(LabelTemplates.builtIn());
        PdfLabelRenderer pdf = new PdfLabelRenderer();
        double[] zplRate = rate("ZPL", 2, 4, i -> zpl.render(labels.get(i % ORDERS), 203).length());
        // The same labels for a printer with a Unicode font: those fields go as text in font 1, not as pictures
        PrinterFonts ttf = PrinterFonts.of("E:ANMDJ.TTF");
        double[] ttfRate = rate("ZPL, Unicode font", 2, 4, i -> zpl.render(labels.get(i % ORDERS), 203, ttf).length());
        double[] pdfRate = rate("PDF", 4, 6, i -> pdf.render(labels.get(i % ORDERS)).length);

        int failures = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < SAMPLE; i++) {
            ShippingLabel l = labels.get(i * ORDERS / SAMPLE);
            String problem = roundTrip(pdf.render(l), l);
            if (problem != null) {
                failures++;
                System.out.println("  round trip failed for label " + i + ": " + problem);
            }
        }
        double decodeMs = (System.nanoTime() - t0) / 1e6 / SAMPLE;

        System.out.println();
        System.out.println("| format | labels/s (wall) | labels per CPU-second | avg bytes/label |");
        System.out.println("|---|--:|--:|--:|");
        System.out.printf(Locale.ROOT, "| ZPL (203 dpi) | %.0f | %.0f | %.0f |%n", zplRate[0], zplRate[2], zplRate[1]);
        System.out.printf(Locale.ROOT, "| ZPL, printer with a Unicode font | %.0f | %.0f | %.0f |%n", ttfRate[0], ttfRate[2], ttfRate[1]);
        System.out.printf(Locale.ROOT, "| PDF (4x6 in) | %.0f | %.0f | %.0f |%n", pdfRate[0], pdfRate[2], pdfRate[1]);
        System.out.printf(Locale.ROOT, "round trip: %d PDFs rasterized at 203 dpi, tracking Code 128 + GS1-128 SSCC decoded: %d failures (%.1f ms per label)%n",
                SAMPLE, failures, decodeMs);
        System.out.printf(Locale.ROOT, "RESULT zpl_labels_per_s=%.0f pdf_labels_per_s=%.0f barcode_roundtrip_failures=%d%n", zplRate[0], pdfRate[0], failures);
    }

    /** Renders for warm-up seconds, then counts labels for measured seconds; returns {labels/s, bytes per label}. */
    private static double[] rate(String what, int warmupSeconds, int seconds, IntToLongFunction render) {
        int i = 0;
        long end = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        while (System.nanoTime() < end) render.applyAsLong(i++);
        int n = 0;
        long bytes = 0, now, start = System.nanoTime(), cpu0 = CPU.getCurrentThreadCpuTime();
        end = start + seconds * 1_000_000_000L;
        do {
            // check the clock every 16 labels: ZPL labels take only microseconds
            for (int k = 0; k < 16; k++) bytes += render.applyAsLong(i + n++);
        } while ((now = System.nanoTime()) < end);
        double s = (now - start) / 1e9, r = n / s, cpuS = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d labels in %.2f s (%.2f s CPU of this thread) after %d s warm-up = %.0f labels/s%n",
                what, n, s, cpuS, warmupSeconds, r);
        return new double[]{r, (double) bytes / n, n / cpuS};
    }

    /** Null when both barcodes decode to what the label says, else what went wrong. */
    static String roundTrip(byte[] pdf, ShippingLabel l) throws Exception {
        BufferedImage img;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            img = new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.BINARY);
        }
        String tracking = decode(img, TRACKING_BARS.y() + 10, TRACKING_BARS.height() - 20, false);
        if (!l.trackingNumber().equals(tracking)) return "tracking " + tracking + " != " + l.trackingNumber();
        String sscc = decode(img, SSCC_BARS.y() + 10, SSCC_BARS.height() - 20, true);
        if (!("]C100" + l.sscc()).equals(sscc)) return "sscc " + sscc + " != " + l.sscc();
        return null;
    }

    private static String decode(BufferedImage img, int y, int h, boolean gs1) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        if (gs1) hints.put(DecodeHintType.ASSUME_GS1, Boolean.TRUE);
        try {
            BufferedImage region = img.getSubimage(0, y, img.getWidth(), h);
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(region))), hints).getText();
        } catch (Exception e) {
            return "not decoded (" + e.getClass().getSimpleName() + ")";
        }
    }

    static List<ShippingLabel> orders(Random rnd) {
        List<ShippingLabel> out = new ArrayList<>(ORDERS);
        ShippingLabel.Address from = new ShippingLabel.Address("Surge Fulfilment GmbH", List.of("Lagerstraße 12", "Halle 3"), "Berlin", null, "10115", "DE");
        for (int i = 0; i < ORDERS; i++) {
            int lines = 1 + rnd.nextInt(3);
            List<String> street = new ArrayList<>();
            for (int k = 0; k < lines; k++) street.add(pick(rnd, STREETS));
            ShippingLabel.Address to = new ShippingLabel.Address(pick(rnd, NAMES), street, pick(rnd, CITIES),
                    rnd.nextBoolean() ? null : "Region " + rnd.nextInt(50), String.format(Locale.ROOT, "%05d", rnd.nextInt(100_000)),
                    pick(rnd, new String[]{"PL", "DE", "RU", "GR", "TR", "GB", "FR", "Vereinigtes Königreich"}));
            int count = 1 + rnd.nextInt(3);
            String tracking = rnd.nextBoolean() ? "1Z" + digits(rnd, 16) : "JJD" + digits(rnd, 5 + rnd.nextInt(20));
            out.add(new ShippingLabel(from, to, pick(rnd, CARRIERS), rnd.nextBoolean() ? "Express" : "Paket International",
                    tracking, "SO-2026-" + digits(rnd, 6), rnd.nextInt(3) == 0 ? null : "Glowlab Cosmetics",
                    Sscc.of(rnd.nextInt(10), "4012345", rnd.nextInt(1_000_000_000)), 7, rnd.nextInt(30_000),
                    1 + rnd.nextInt(count), count, rnd.nextBoolean() ? "https://track.example/" + tracking : null));
        }
        return out;
    }

    private static String pick(Random rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    private static String digits(Random rnd, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) ('0' + rnd.nextInt(10)));
        return sb.toString();
    }
}
