package io.surgewms.labels;

import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import io.surgewms.labels.TikTokLabelPdf.Content;
import io.surgewms.labels.TikTokLabelPdf.Paper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PdfToZplTest {

    static final Content ONE = TikTokLabelPdf.sample(1);

    /** What a scanner must read off a converted label: exactly what the PDF drew. */
    static Set<String> drawn(Content c) {
        return Set.of("CODE_128 " + c.tracking(), "CODE_128 " + c.orderId(), "QR_CODE " + c.qr(), "DATA_MATRIX " + c.dataMatrix());
    }

    static BufferedImage printed(String zpl, LabelSize size, int dpi) {
        return ZplGraphicReader.render(zpl, size.widthDots(dpi), size.heightDots(dpi));
    }

    @ParameterizedTest(name = "{0} page on {1} stock at {2} dpi")
    @CsvSource({"IN_4X6, IN_4X6, 203", "IN_4X6, IN_4X6, 300", "A6, IN_4X6, 203", "A6, IN_4X6, 300",
            "A6, MM_100X150, 203", "A6, MM_100X150, 300", "LETTER, IN_4X6, 203", "LETTER, IN_4X6, 300", "IN_4X6, MM_100X150, 203"})
    void shall_read_back_every_barcode_the_pdf_drew(Paper paper, LabelSize size, int dpi) throws Exception {
        List<String> labels = PdfToZpl.convert(TikTokLabelPdf.pdf(paper, List.of(ONE)), dpi, size);
        assertEquals(1, labels.size());
        String zpl = labels.get(0);
        assertTrue(zpl.startsWith("^XA\n^PW" + size.widthDots(dpi) + "\n^LL" + size.heightDots(dpi) + "\n"), zpl.substring(0, 40));
        assertTrue(zpl.endsWith("^XZ\n"));
        BufferedImage img = printed(zpl, size, dpi);
        save(img, "pdf-to-zpl-" + paper + "-on-" + size + "-" + dpi + ".png");
        assertEquals(new java.util.TreeSet<>(drawn(ONE)), LabelScanner.read(img));
    }

    @Test
    void shall_print_a_4x6_page_dot_for_dot_neither_cut_nor_stretched() throws Exception {
        for (int dpi : new int[]{203, 300}) {
            BufferedImage img = printed(PdfToZpl.convert(TikTokLabelPdf.pdf(Paper.IN_4X6, List.of(ONE)), dpi, LabelSize.IN_4X6).get(0), LabelSize.IN_4X6, dpi);
            // The drawn frame is 4 pt in from each edge, 1.2 pt wide: all of it is on the label, where it was drawn
            Rectangle ink = ink(img);
            float k = dpi / 72f;
            assertEquals(3.4 * k, ink.x, 1.5, "left edge " + ink);
            assertEquals(3.4 * k, ink.y, 1.5, "top edge " + ink);
            assertEquals(281.2 * k, ink.width, 2, "width " + ink);
            assertEquals(425.2 * k, ink.height, 2, "height " + ink);
            assertTrackingUpright(img, dpi, k);
        }
    }

    @Test
    void shall_serve_a_600_dpi_printer_too() throws Exception {
        String zpl = PdfToZpl.convert(TikTokLabelPdf.pdf(Paper.IN_4X6, List.of(ONE)), 600, LabelSize.IN_4X6).get(0);
        assertTrue(zpl.startsWith("^XA\n^PW2400\n^LL3600\n"), zpl.substring(0, 30));
        BufferedImage img = printed(zpl, LabelSize.IN_4X6, 600);
        // the tracking bars sit 222..294 pt from the top: 1850..2450 dots at 600 dpi
        assertEquals(ONE.tracking(), Barcodes.read(img, 1870, 560, false));
    }

    @Test
    void shall_cut_a_4x6_label_out_of_a_letter_sheet_at_full_size() {
        BufferedImage img = printed(PdfToZpl.convert(TikTokLabelPdf.pdf(Paper.LETTER, List.of(ONE)), 203, LabelSize.IN_4X6).get(0), LabelSize.IN_4X6, 203);
        Rectangle ink = ink(img);
        float k = 203 / 72f;
        // 1:1 and centred: the frame keeps its size, the white on both sides alike to the 2 pt the sheet is searched in
        assertEquals(281.2 * k, ink.width, 2, ink.toString());
        assertEquals(425.2 * k, ink.height, 2, ink.toString());
        assertEquals(img.getWidth() - ink.x - ink.width, ink.x, 2 * k, ink.toString());
        assertEquals(img.getHeight() - ink.y - ink.height, ink.y, 2 * k, ink.toString());
        assertTrackingUpright(img, 203, k);
    }

    @Test
    void shall_shrink_an_a6_page_onto_100x150_stock_without_stretching_it() {
        BufferedImage img = printed(PdfToZpl.convert(TikTokLabelPdf.pdf(Paper.A6, List.of(ONE)), 203, LabelSize.MM_100X150).get(0), LabelSize.MM_100X150, 203);
        Rectangle ink = ink(img);
        // A6's frame is 289.6 x 411.5 pt, too wide for 100 mm: it shrinks to the width and keeps its shape
        assertTrue(ink.x >= 1 && ink.x + ink.width <= img.getWidth() - 1 && ink.y >= 1 && ink.y + ink.height <= img.getHeight() - 1, ink.toString());
        assertTrue(ink.width > img.getWidth() - 20, ink.toString());
        assertEquals(289.6 / 411.5, (double) ink.width / ink.height, 0.005, ink.toString());
    }

    @Test
    void shall_turn_a_page_that_lies_on_its_side_back_upright() throws Exception {
        byte[] pdf = rotated(TikTokLabelPdf.pdf(Paper.IN_4X6, List.of(ONE)), 90);
        BufferedImage img = printed(PdfToZpl.convert(pdf, 203, LabelSize.IN_4X6).get(0), LabelSize.IN_4X6, 203);
        save(img, "pdf-to-zpl-turned-back.png");
        assertEquals(new java.util.TreeSet<>(drawn(ONE)), LabelScanner.read(img));
        assertTrackingUpright(img, 203, 203 / 72f);
    }

    @Test
    void shall_print_one_label_per_page_in_page_order() {
        List<Content> three = List.of(TikTokLabelPdf.sample(1), TikTokLabelPdf.sample(2), TikTokLabelPdf.sample(3));
        List<String> labels = PdfToZpl.convert(TikTokLabelPdf.pdf(Paper.IN_4X6, three), 203, LabelSize.IN_4X6);
        assertEquals(3, labels.size());
        for (int i = 0; i < 3; i++) {
            String zpl = labels.get(i);
            assertEquals(1, count(zpl, "^XA"), "one ^XA in label " + i);
            assertEquals(1, count(zpl, "^XZ"), "one ^XZ in label " + i);
            assertTrue(zpl.startsWith("^XA") && zpl.endsWith("^XZ\n"));
            assertTrue(LabelScanner.read(printed(zpl, LabelSize.IN_4X6, 203)).contains("CODE_128 " + three.get(i).tracking()), "page " + (i + 1));
        }
    }

    @Test
    void shall_send_plain_ascii() {
        String job = String.join("", PdfToZpl.convert(TikTokLabelPdf.pdf(Paper.A6, List.of(ONE, TikTokLabelPdf.sample(2))), 300, LabelSize.IN_4X6));
        assertTrue(job.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)), "plain ASCII on the wire");
    }

    @Test
    void shall_refuse_what_is_not_a_printable_label_pdf() throws Exception {
        byte[] good = TikTokLabelPdf.pdf(Paper.IN_4X6, List.of(ONE));
        refused(null, "empty");
        refused(new byte[0], "empty");
        refused("GIF89a this is a picture, not a PDF".getBytes(), "not a PDF");
        refused("%PDF-1.7\n garbage that only starts like a PDF \n%%EOF\n".getBytes(), "cannot read the label PDF");
        refused(Arrays.copyOf(good, good.length * 2 / 3), "cut short");
        refused(save(doc -> {}), "no pages");
        refused(save(doc -> doc.addPage(new PDPage(new PDRectangle(14400, 14400)))), "14400 x 14400 pt");
        refused(save(doc -> doc.addPage(new PDPage(new PDRectangle(20, 30)))), "20 x 30 pt");
        refused(save(doc -> doc.addPage(new PDPage(PDRectangle.A6))), "page 1 of 1 is blank");
        refused(encrypted(good, "secret"), "password");
        IllegalArgumentException dpi = assertThrows(IllegalArgumentException.class, () -> PdfToZpl.convert(good, 72, LabelSize.IN_4X6));
        assertTrue(dpi.getMessage().contains("203, 300 or 600"), dpi.getMessage());
    }

    @Test
    void shall_print_a_pdf_that_only_restricts_editing() throws Exception {
        // An owner password alone opens without asking: carriers lock edits, not printing
        byte[] locked = encrypted(TikTokLabelPdf.pdf(Paper.IN_4X6, List.of(ONE)), "");
        BufferedImage img = printed(PdfToZpl.convert(locked, 203, LabelSize.IN_4X6).get(0), LabelSize.IN_4X6, 203);
        assertTrue(LabelScanner.read(img).contains("CODE_128 " + ONE.tracking()));
    }

    @Test
    void shall_not_read_a_label_drawn_coarse_and_blown_up_to_the_printers_dots() throws Exception {
        // The check has teeth: the same page drawn at 96 dpi and stretched to 203 (what resampling a screen-sized
        // bitmap does) smears the 0.83 pt bars, and the tracking number no longer reads
        byte[] pdf = TikTokLabelPdf.pdf(Paper.IN_4X6, List.of(ONE));
        BufferedImage coarse;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            coarse = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 96, org.apache.pdfbox.rendering.ImageType.BINARY);
        }
        BufferedImage blown = new BufferedImage(812, 1218, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = blown.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(coarse, 0, 0, 812, 1218, null);
        g.dispose();
        BufferedImage img = printed("^XA" + ZplGraphic.placed(blown, 0, 0) + "^XZ", LabelSize.IN_4X6, 203);
        save(img, "pdf-to-zpl-resampled-96dpi.png");
        assertFalse(LabelScanner.read(img).contains("CODE_128 " + ONE.tracking()), "a smeared tracking code still read");
    }

    /**
     * The tracking code reads left to right on a level line, in the band the PDF drew it in (222..294 pt from the
     * top), give or take the 2 pt a cut-out page may move by.
     */
    private static void assertTrackingUpright(BufferedImage img, int dpi, float k) {
        Result tracking = LabelScanner.results(img).get("CODE_128 " + ONE.tracking());
        assertTrue(tracking != null, "tracking code not read at " + dpi + " dpi");
        ResultPoint[] p = tracking.getResultPoints();
        assertTrue(p[0].getX() < p[1].getX(), "reads right to left: upside down");
        assertEquals(p[0].getY(), p[1].getY(), 2, "not level");
        float top = (img.getHeight() - 432 * k) / 2;
        assertTrue(p[0].getY() > top + 220 * k && p[0].getY() < top + 296 * k, "tracking code at y=" + p[0].getY());
    }

    private static void refused(byte[] pdf, String because) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PdfToZpl.convert(pdf, 203, LabelSize.IN_4X6));
        assertTrue(e.getMessage().contains(because), "'" + e.getMessage() + "' should say " + because);
    }

    /** The smallest rectangle holding every black dot. */
    static Rectangle ink(BufferedImage img) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++)
                if ((img.getRGB(x, y) & 0xffffff) == 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = y;
                }
        return new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    private static byte[] save(Consumer<PDDocument> build) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            build.accept(doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] rotated(byte[] pdf, int degrees) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            doc.getPage(0).setRotation(degrees);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] encrypted(byte[] pdf, String userPassword) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            AccessPermission editsLocked = new AccessPermission();
            editsLocked.setCanModify(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword + "-x", userPassword, editsLocked);
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void save(BufferedImage img, String name) throws Exception {
        Path dir = Path.of("target/labels");
        Files.createDirectories(dir);
        ImageIO.write(img, "png", dir.resolve(name).toFile());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
