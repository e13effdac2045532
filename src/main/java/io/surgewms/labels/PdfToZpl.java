package io.surgewms.labels;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.RenderDestination;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A shipping document that comes as a PDF (TikTok Shop's 4 x 6 in or A6 label) made printable on a thermal
 * printer: every page drawn by PDFBox straight at the printer's dots, black or white, and sent as one ZPL
 * label with a {@code ^GFA} graphic field ({@link ZplGraphic}).
 * <p>
 * The page is drawn at the resolution that fits it on the stock, never drawn big and shrunk as a bitmap:
 * every bar edge of a vector barcode then lands on the nearest whole dot on its own, so bar widths are off
 * by less than one dot and the code still scans. A page the stock holds is printed 1:1, centred. A bigger
 * page (A6, a Letter sheet with the label on it) is cut to what is printed on it, found by a quick coarse
 * drawing; if that is still bigger than the stock it is scaled down, turned a quarter if it lies on its side.
 * <p>
 * Pure: no database, no printer. Fonts a document embeds are parsed once per document (PDFBox's resource
 * cache lives as long as the document); a PDF that leans on the standard fonts without embedding them makes
 * PDFBox look for system fonts once per JVM, which is slow the first time, so warm up at start.
 */
public final class PdfToZpl {
    /** Smallest and largest page side taken, in points: from a 1 in sticker to a tabloid sheet. */
    static final float MIN_SIDE_PT = 72, MAX_SIDE_PT = 17 * 72;
    static final int MAX_PAGES = 500;
    /** Points of white kept around what is printed on a page bigger than the stock. */
    private static final float MARGIN_PT = 3;
    /** The coarse drawing that finds what is printed on a big page: 2 points a pixel (36 dpi). */
    private static final float COARSE_SCALE = 0.5f;

    /**
     * No antialiasing: a dot is black when its centre is inside a shape, so each bar edge rounds to the nearest
     * dot on its own and a bar is never more than one dot off. Antialiased grey cut at half gives the same dots
     * and took 40 % longer to draw.
     */
    private static RenderingHints dots() {
        return new RenderingHints(Map.of(
                RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF,
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF,
                RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED,
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR));
    }

    private PdfToZpl() {}

    /**
     * One {@code ^XA...^XZ} label per page, in page order; send them one after the other. Throws
     * IllegalArgumentException, naming the problem, for anything that is not a printable label PDF, and then
     * returns nothing at all, so a printer never gets half a document.
     */
    public static List<String> convert(byte[] pdf, int dpi, LabelSize size) {
        if (dpi != 203 && dpi != 300 && dpi != 600) throw new IllegalArgumentException("printer resolution must be 203, 300 or 600 dpi, not " + dpi);
        if (size == null) throw new IllegalArgumentException("no label size");
        if (pdf == null || pdf.length == 0) throw new IllegalArgumentException("the label PDF is empty");
        if (!startsLikePdf(pdf)) throw new IllegalArgumentException("not a PDF: no %PDF- header in the first 1024 bytes");
        // PDFBox would rebuild a cut-off file and draw what is left of it: half a label
        if (!endsLikePdf(pdf)) throw new IllegalArgumentException("the label PDF is cut short: no %%EOF at its end");
        try (PDDocument doc = load(pdf)) {
            int pages = doc.getNumberOfPages();
            if (pages == 0) throw new IllegalArgumentException("the label PDF has no pages");
            if (pages > MAX_PAGES) throw new IllegalArgumentException("the label PDF has " + pages + " pages, more than " + MAX_PAGES);
            PDFRenderer renderer = new PDFRenderer(doc);
            // The print rule of PDF viewers: an annotation (a form field, a stamp) prints only with its print flag
            renderer.setAnnotationsFilter(a -> a.isPrinted() && !a.isHidden());
            List<String> labels = new ArrayList<>(pages);
            for (int i = 0; i < pages; i++) labels.add(label(renderer, doc.getPage(i), i, pages, dpi, size));
            return labels;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the label PDF: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // A broken document can trip PDFBox up in ways it does not declare: still the sender's PDF, not our bug
            throw new IllegalArgumentException("cannot draw the label PDF: " + e, e);
        }
    }

    private static boolean startsLikePdf(byte[] pdf) {
        return find(pdf, "%PDF-", 0, Math.min(pdf.length, 1024));
    }

    /** %%EOF in the last 2 kB, where PDFBox itself looks for it. */
    private static boolean endsLikePdf(byte[] pdf) {
        return find(pdf, "%%EOF", Math.max(0, pdf.length - 2048), pdf.length);
    }

    private static boolean find(byte[] in, String ascii, int from, int to) {
        outer:
        for (int i = from; i <= to - ascii.length(); i++) {
            for (int k = 0; k < ascii.length(); k++) if (in[i + k] != ascii.charAt(k)) continue outer;
            return true;
        }
        return false;
    }

    private static PDDocument load(byte[] pdf) throws IOException {
        PDDocument doc;
        try {
            doc = Loader.loadPDF(pdf);
        } catch (InvalidPasswordException e) {
            throw new IllegalArgumentException("the label PDF is encrypted with a password; ask for it without one", e);
        }
        // Opened without a password but encrypted (an owner password restricting edits): PDFBox has decrypted
        // it and printing is what it is for, so it is printed.
        return doc;
    }

    private static String label(PDFRenderer renderer, PDPage page, int index, int pages, int dpi, LabelSize size) throws IOException {
        String which = "page " + (index + 1) + " of " + pages;
        Rectangle2D shown = shownPage(page, which);
        int w = size.widthDots(dpi), h = size.heightDots(dpi);
        float dotsPerPt = dpi / 72f;
        Rectangle2D printed = shown;
        if (shown.getWidth() * dotsPerPt > w + 1 || shown.getHeight() * dotsPerPt > h + 1) {
            printed = printedArea(renderer, index, shown);
            if (printed == null) throw new IllegalArgumentException(which + " is blank");
        }
        renderer.setRenderingHints(dots());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        try {
            g.setBackground(Color.WHITE);
            g.clearRect(0, 0, w, h);
            Fit fit = Fit.of(printed, w, h, dotsPerPt, page.getRotation());
            g.transform(fit.transform());
            // renderPageToGraphics scales by the fit and turns by the page's /Rotate itself
            renderer.renderPageToGraphics(index, g, fit.scale(), fit.scale(), RenderDestination.PRINT);
        } finally {
            g.dispose();
        }
        if (blank(img)) throw new IllegalArgumentException(which + " is blank");
        return "^XA\n^PW" + w + "\n^LL" + h + "\n^LH0,0\n" + ZplGraphic.placed(img, 0, 0) + "\n^XZ\n";
    }

    /** The page as shown (crop box, turned by /Rotate), in points from its top left. */
    private static Rectangle2D shownPage(PDPage page, String which) {
        PDRectangle crop = page.getCropBox();
        float cw = crop.getWidth(), ch = crop.getHeight();
        if (!Float.isFinite(cw) || !Float.isFinite(ch) || Math.min(cw, ch) < MIN_SIDE_PT || Math.max(cw, ch) > MAX_SIDE_PT)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s is %.0f x %.0f pt; a label page is between %.0f and %.0f pt a side", which, cw, ch, MIN_SIDE_PT, MAX_SIDE_PT));
        boolean turned = page.getRotation() % 180 != 0;
        return new Rectangle2D.Float(0, 0, turned ? ch : cw, turned ? cw : ch);
    }

    /** What is printed on the page, in points from its top left, with a little white around; null if nothing. */
    private static Rectangle2D printedArea(PDFRenderer renderer, int index, Rectangle2D shown) throws IOException {
        // Antialiased (PDFBox's default), so a hairline narrower than a coarse pixel still shows as grey
        renderer.setRenderingHints(null);
        BufferedImage coarse = renderer.renderImage(index, COARSE_SCALE, ImageType.GRAY, RenderDestination.PRINT);
        byte[] px = ((DataBufferByte) coarse.getRaster().getDataBuffer()).getData();
        int cw = coarse.getWidth(), chh = coarse.getHeight();
        int minX = cw, minY = chh, maxX = -1, maxY = -1;
        for (int y = 0; y < chh; y++) {
            int base = y * cw;
            for (int x = 0; x < cw; x++) {
                // antialiased at this scale: a thin line is light grey, so count anything a quarter dark
                if ((px[base + x] & 0xff) < 192) {
                    if (x < minX) minX = x;
                    if (x > maxX) maxX = x;
                    if (y < minY) minY = y;
                    maxY = y;
                }
            }
        }
        if (maxX < 0) return null;
        double x0 = Math.max(0, minX / COARSE_SCALE - MARGIN_PT), y0 = Math.max(0, minY / COARSE_SCALE - MARGIN_PT);
        double x1 = Math.min(shown.getWidth(), (maxX + 1) / COARSE_SCALE + MARGIN_PT), y1 = Math.min(shown.getHeight(), (maxY + 1) / COARSE_SCALE + MARGIN_PT);
        return new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0);
    }

    /** True when no dot is black; the picture is ours, 1 bit a pixel, index 0 black, rows padded to bytes. */
    private static boolean blank(BufferedImage img) {
        byte[] bits = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int row = (img.getWidth() + 7) / 8, tail = img.getWidth() % 8;
        int lastMask = tail == 0 ? 0xff : (0xff << (8 - tail)) & 0xff;
        for (int y = 0; y < img.getHeight(); y++) {
            int base = y * row;
            for (int i = 0; i < row - 1; i++) if (bits[base + i] != (byte) 0xff) return false;
            if ((bits[base + row - 1] & lastMask) != lastMask) return false;
        }
        return true;
    }

    /**
     * How an area of the page (points, from the page's top left) lands on the stock ({@code w x h} dots):
     * 1:1 at the printer's dots if it fits, else scaled down, and turned a quarter if that makes it bigger
     * ({@code turn} +1 clockwise, -1 counter-clockwise, 0 upright). Offsets are whole dots so bar edges fall
     * where a plain drawing at this scale would put them.
     */
    record Fit(float scale, int turn, int offsetX, int offsetY) {

        /** {@code pageRotation} is the page's /Rotate: a page turned to lie on its side is turned back. */
        static Fit of(Rectangle2D area, int w, int h, float dotsPerPt, int pageRotation) {
            double aw = area.getWidth() * dotsPerPt, ah = area.getHeight() * dotsPerPt;
            double upright = Math.min(1, Math.min(w / aw, h / ah)), sideways = Math.min(1, Math.min(w / ah, h / aw));
            // Turn only for a real gain: a nearly square area stays upright
            if (sideways <= upright * 1.05) {
                double k = upright * dotsPerPt;
                int ox = (int) Math.round((w - area.getWidth() * k) / 2 - area.getX() * k);
                int oy = (int) Math.round((h - area.getHeight() * k) / 2 - area.getY() * k);
                return new Fit((float) k, 0, ox, oy);
            }
            double k = sideways * dotsPerPt;
            double x0 = area.getX() * k, y0 = area.getY() * k, x1 = x0 + area.getWidth() * k, y1 = y0 + area.getHeight() * k;
            double left = (w - area.getHeight() * k) / 2, top = (h - area.getWidth() * k) / 2;
            if (Math.floorMod(pageRotation, 360) == 90) {
                // counter-clockwise takes (u, v) to (v, -u): undoes the page's own quarter turn
                return new Fit((float) k, -1, (int) Math.round(left - y0), (int) Math.round(top + x1));
            }
            // clockwise takes (u, v) to (-v, u)
            return new Fit((float) k, 1, (int) Math.round(left + y1), (int) Math.round(top - x0));
        }

        /** Applied before PDFBox's own scale: a shift in dots, and the quarter turn if any. */
        AffineTransform transform() {
            AffineTransform t = AffineTransform.getTranslateInstance(offsetX, offsetY);
            if (turn != 0) t.quadrantRotate(turn);
            return t;
        }
    }
}
