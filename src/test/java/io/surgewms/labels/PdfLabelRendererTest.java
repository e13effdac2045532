package io.surgewms.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PdfLabelRendererTest {

    final PdfLabelRenderer renderer = new PdfLabelRenderer();

    @Test
    void shall_take_a_site_edited_layout_and_name_the_line_of_a_mistake(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(PdfLabelRenderer.SHIPPING_LAYOUT), """
                # a site's own, very plain label
                text x=30 y=30 size=60 width=752 font=bold | SITE ${carrier}
                code128 id=tracking x=60 y=200 module=2 height=140 | ${trackingNumber}
                """);
        byte[] pdf = new PdfLabelRenderer(new LabelTemplates(dir)).render(SampleLabels.ordinary());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals("SITE DHL", new PDFTextStripper().getText(doc).strip());
            BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.BINARY);
            assertEquals(SampleLabels.TRACKING, decode(img, 0, 210, 120, BarcodeFormat.CODE_128, false).getText());
        }
        Files.writeString(dir.resolve(PdfLabelRenderer.SHIPPING_LAYOUT), "text x=30 y=30 size=60 width=752 | ok\nbarcode x=1 | ${sscc}\n");
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> new PdfLabelRenderer(new LabelTemplates(dir)));
        assertTrue(broken.getMessage().contains("line 2") && broken.getMessage().contains("unknown element 'barcode'"), broken.getMessage());
        Files.writeString(dir.resolve(PdfLabelRenderer.SHIPPING_LAYOUT), "text x=30 y=30 size=60 width=752 | ${shiptoName}\n");
        PdfLabelRenderer typo = new PdfLabelRenderer(new LabelTemplates(dir));
        assertThrows(IllegalArgumentException.class, () -> typo.render(SampleLabels.ordinary()));
    }

    @Test
    void shall_read_back_both_barcodes_and_the_qr_code_at_203_dpi() throws Exception {
        byte[] pdf = renderer.render(SampleLabels.ordinary());
        BufferedImage img;
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals(288f, doc.getPage(0).getMediaBox().getWidth(), 0.01f, "4 in wide");
            assertEquals(432f, doc.getPage(0).getMediaBox().getHeight(), 0.01f, "6 in tall");
            img = new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.BINARY);
            text = new PDFTextStripper().getText(doc);
        }
        Path out = Path.of("target/labels");
        Files.createDirectories(out);
        Files.write(out.resolve("shipping-label.pdf"), pdf);
        ImageIO.write(img, "png", out.resolve("shipping-label.png").toFile());
        assertEquals(812, img.getWidth());
        assertEquals(1218, img.getHeight());

        Result tracking = decode(img, 0, SampleLabels.TRACKING_BARS.y() + 10, SampleLabels.TRACKING_BARS.height() - 20, BarcodeFormat.CODE_128, false);
        assertEquals(SampleLabels.TRACKING, tracking.getText());

        Result sscc = decode(img, 0, SampleLabels.SSCC_BARS.y() + 10, SampleLabels.SSCC_BARS.height() - 20, BarcodeFormat.CODE_128, true);
        assertEquals("]C100" + SampleLabels.SSCC, sscc.getText());

        // A crop inside the rules around the 2D code (ZXing reads small 2D codes more reliably from a crop)
        int qrSide = SampleLabels.QR_CODE.width() + 24;
        Result qr = decodeRegion(img.getSubimage(SampleLabels.QR_CODE.x() - 12, SampleLabels.QR_CODE.y() - 12, qrSide, qrSide), BarcodeFormat.QR_CODE, false);
        assertEquals("https://track.example/1Z999AA10123456784", qr.getText());

        // The text layer carries the same words (and proves the Unicode glyphs were embedded, not replaced)
        for (String s : List.of("Zofia Müller-Łukasiewicz", "90-004 Łódź łódzkie", "POLAND", "Order SO-2026-000123",
                "Parcel 1 of 2", "(00) 1 0614141 123456789 7", "DHL", "Lagerstraße 12"))
            assertTrue(text.contains(s), () -> s + " missing from\n" + text);
    }

    @Test
    void shall_render_hostile_and_unusual_text_without_failing() throws Exception {
        byte[] pdf = renderer.render(SampleLabels.hostile());
        ShippingLabel.Address far = new ShippingLabel.Address("Иван Петров 東京 \uD83D\uDE00", List.of("Ελληνικά 5, Şişli İstanbul"),
                "Ljubljana", null, "1000", "SI");
        ShippingLabel l = SampleLabels.ordinary();
        byte[] pdf2 = renderer.render(new ShippingLabel(l.shipFrom(), far, l.carrier(), l.service(), l.trackingNumber(),
                "SO-" + "9".repeat(120), l.shop(), l.sscc(), 0, 99_999, 2, 2, null));
        Files.createDirectories(Path.of("target/labels"));
        Files.write(Path.of("target/labels/shipping-label-unusual.pdf"), pdf2);
        try (PDDocument a = Loader.loadPDF(pdf); PDDocument b = Loader.loadPDF(pdf2)) {
            String text = new PDFTextStripper().getText(b);
            assertTrue(text.contains("Иван Петров ?? "), text); // no CJK glyphs in DejaVu: a '?' rather than an exception
            assertTrue(text.contains("Ελληνικά 5, Şişli İstanbul"));
            assertTrue(text.contains("…"), "a too long order reference is cut, not drawn off the label");
            assertTrue(new PDFTextStripper().getText(a).contains("Eve ^XZ^XA~JR"));
        }
    }

    @Test
    void shall_reuse_parsed_fonts_across_labels() {
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) renderer.render(SampleLabels.ordinary());
        double perLabelMs = (System.nanoTime() - t0) / 20 / 1e6;
        // Parsing both fonts per label would cost ~10 ms each on this machine; a generous bound only catches that regression
        assertTrue(perLabelMs < 200, "ms per label: " + perLabelMs);
    }

    private static Result decode(BufferedImage img, int x, int y, int h, BarcodeFormat format, boolean gs1) throws NotFoundException {
        return decodeRegion(img.getSubimage(x, y, img.getWidth() - x, h), format, gs1);
    }

    private static Result decodeRegion(BufferedImage region, BarcodeFormat format, boolean gs1) throws NotFoundException {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(format));
        hints.put(DecodeHintType.PURE_BARCODE, Boolean.FALSE);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        if (gs1) hints.put(DecodeHintType.ASSUME_GS1, Boolean.TRUE);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(region))), hints);
    }
}
