package io.surgewms.labels;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * PNG previews of label PDFs, for a screen ("is this the right label?") rather than a printer. Rasterized
 * from the PDF itself, so the preview cannot disagree with what is printed; at 203 dpi one pixel is one
 * printer dot and the bars stay whole pixels, so a scanner app can read the preview too.
 */
public final class LabelPreview {
    public static final int PRINTER_DPI = 203;

    private LabelPreview() {}

    /** The first page of a label PDF as a grayscale PNG at the given resolution (72..600 dpi). */
    public static byte[] png(byte[] pdf, int dpi) {
        if (dpi < 72 || dpi > 600) throw new IllegalArgumentException("preview resolution must be 72..600 dpi: " + dpi);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render label preview", e);
        }
    }

    /** A shipping label's preview at printer resolution. */
    public static byte[] png(PdfLabelRenderer renderer, ShippingLabel label, LabelSize size) {
        return png(renderer.render(label, size), PRINTER_DPI);
    }
}
