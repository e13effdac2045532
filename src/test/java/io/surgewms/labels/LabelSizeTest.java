package io.surgewms.labels;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 4 x 6 in and 100 x 150 mm stock, in ZPL and PDF, and the PNG preview. */
class LabelSizeTest {

    final ZplLabelRenderer zpl = new ZplLabelRenderer(LabelTemplates.builtIn());
    final PdfLabelRenderer pdf = new PdfLabelRenderer();

    @Test
    void shall_size_zpl_for_the_stock_and_the_printer() {
        assertEquals(812, LabelSize.IN_4X6.widthDots(203));
        assertEquals(1218, LabelSize.IN_4X6.heightDots(203));
        assertEquals(799, LabelSize.MM_100X150.widthDots(203));
        assertEquals(1199, LabelSize.MM_100X150.heightDots(203));
        String mm203 = zpl.render(SampleLabels.ordinary(), LabelSize.MM_100X150, 203);
        String mm300 = zpl.render(SampleLabels.ordinary(), LabelSize.MM_100X150, 300);
        String in300 = zpl.render(SampleLabels.ordinary(), LabelSize.IN_4X6, 300);
        assertTrue(mm203.contains("^PW799\n^LL1199\n"), mm203);
        assertTrue(mm300.contains("^PW1181\n^LL1772\n"), mm300);  // 100 mm = 1181.1 dots at 300 dpi
        assertTrue(in300.contains("^PW1200\n^LL1800\n"));
        assertTrue(zpl.render(SampleLabels.ordinary(), 203).contains("^PW812\n^LL1218\n"), "4x6 stays the default");
        // Same fields on both stocks: only the page differs
        assertEquals(in300.replace("^PW1200\n^LL1800\n", ""), mm300.replace("^PW1181\n^LL1772\n", ""));
    }

    @Test
    void shall_size_the_pdf_page_and_read_back_both_barcodes_on_100x150() throws Exception {
        byte[] in4x6 = pdf.render(SampleLabels.ordinary(), LabelSize.IN_4X6);
        byte[] mm = pdf.render(SampleLabels.ordinary(), LabelSize.MM_100X150);
        Files.createDirectories(Path.of("target/labels"));
        Files.write(Path.of("target/labels/shipping-label-100x150.pdf"), mm);
        try (PDDocument a = Loader.loadPDF(in4x6); PDDocument b = Loader.loadPDF(mm)) {
            assertEquals(288f, a.getPage(0).getMediaBox().getWidth(), 0.01f);
            assertEquals(432f, a.getPage(0).getMediaBox().getHeight(), 0.01f);
            assertEquals(283.46f, b.getPage(0).getMediaBox().getWidth(), 0.01f, "100 mm");
            assertEquals(425.20f, b.getPage(0).getMediaBox().getHeight(), 0.01f, "150 mm");
            BufferedImage img = new PDFRenderer(b).renderImageWithDPI(0, 203, ImageType.BINARY);
            ImageIO.write(img, "png", Path.of("target/labels/shipping-label-100x150.png").toFile());
            assertEquals(SampleLabels.TRACKING, Barcodes.read(img, SampleLabels.TRACKING_BARS.y() + 10, SampleLabels.TRACKING_BARS.height() - 20, false));
            assertEquals("]C100" + SampleLabels.SSCC, Barcodes.read(img, SampleLabels.SSCC_BARS.y() + 10, SampleLabels.SSCC_BARS.height() - 20, true));
            assertTrue(inkBelow(img, 1196) == 0, "nothing printed in the last 3 dots of 100x150 stock");
        }
    }

    @Test
    void shall_preview_a_label_as_png_a_scanner_can_read() throws Exception {
        byte[] png = LabelPreview.png(pdf, SampleLabels.ordinary(), LabelSize.IN_4X6);
        Files.write(Path.of("target/labels/shipping-label-preview.png"), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(812, img.getWidth());
        assertEquals(1218, img.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        assertEquals(SampleLabels.TRACKING, Barcodes.read(img, SampleLabels.TRACKING_BARS.y() + 10, SampleLabels.TRACKING_BARS.height() - 20, false));

        BufferedImage mm = ImageIO.read(new ByteArrayInputStream(LabelPreview.png(pdf, SampleLabels.ordinary(), LabelSize.MM_100X150)));
        assertEquals(799, mm.getWidth());
        assertTrue(mm.getHeight() == 1198 || mm.getHeight() == 1199, "150 mm is 1198.8 dots: " + mm.getHeight());
        assertThrows(IllegalArgumentException.class, () -> LabelPreview.png(new byte[0], 2000));
    }

    private static int inkBelow(BufferedImage img, int y) {
        int dark = 0;
        for (int r = y; r < img.getHeight(); r++)
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, r) & 0xFF) < 128) dark++;
        return dark;
    }
}
