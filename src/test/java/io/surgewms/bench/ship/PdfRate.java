package io.surgewms.bench.ship;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.oned.Code128Writer;
import io.surgewms.labels.LabelSize;
import io.surgewms.labels.PdfToZpl;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * PDF labels to ZPL on one thread ({@link PdfToZpl#convert}, what the buyer runs for a provider's PDF label): a
 * one-page 4x6 in carrier label as aggregators serve them (text, rules, an IMpb Code 128 and a DataMatrix), built
 * the way the TikTok fake builds its own.
 */
public final class PdfRate {
    private PdfRate() {}

    static final float W = 4 * 72f, H = 6 * 72f;

    /** Conversions per second at 203 dpi over about {@code seconds} after a warm-up, or null if the converter is a stub. */
    public static Double perSecond(double seconds) {
        byte[] pdf = label("9400110200830123456789");
        try {
            List<String> pages = PdfToZpl.convert(pdf, 203, LabelSize.IN_4X6);
            if (pages.size() != 1 || !pages.get(0).contains("^XA")) throw new IllegalStateException("not one ZPL label: " + pages.size() + " pages");
        } catch (UnsupportedOperationException stub) {
            return null;
        }
        for (int i = 0; i < 20; i++) PdfToZpl.convert(pdf, 203, LabelSize.IN_4X6); // warm-up
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        int n = 0;
        while (System.nanoTime() < end) {
            PdfToZpl.convert(pdf, 203, LabelSize.IN_4X6);
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** A USPS Ground Advantage label of the usual 4x6 layout. */
    public static byte[] label(String tracking) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(new PDRectangle(W, H));
            doc.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.addRect(8, H - 80, 64, 64); // the service box
                cs.fill();
                text(cs, bold, 11, 84, H - 30, "USPS GROUND ADVANTAGE");
                text(cs, plain, 8, 84, H - 44, "U.S. POSTAGE PAID  ePostage  e-VS");
                text(cs, plain, 8, 84, H - 56, "11.2 OZ  ZONE 4  04/15/2025");
                matrix(cs, new DataMatrixWriter().encode("[)>" + tracking + "0120278701", BarcodeFormat.DATA_MATRIX, 0, 0), W - 78, H - 80, 1.6f);
                rule(cs, H - 90);
                text(cs, plain, 8, 12, H - 104, "SURGE FULFILMENT");
                text(cs, plain, 8, 12, H - 114, "1 DOCK ROAD");
                text(cs, plain, 8, 12, H - 124, "AUSTIN TX 78701");
                text(cs, bold, 9, 40, H - 150, "SHIP TO:");
                text(cs, bold, 12, 60, H - 168, "ADA BUYER");
                text(cs, plain, 12, 60, H - 183, "100 CONGRESS AVE");
                text(cs, plain, 12, 60, H - 198, "AUSTIN TX 78701-1670");
                rule(cs, 200);
                text(cs, bold, 10, 80, 186, "USPS TRACKING # EP");
                boolean[] bars = new Code128Writer().encode("420787019261" + tracking);
                float module = Math.min(1.4f, (W - 28) / bars.length);
                for (int i = 0; i < bars.length; i++) if (bars[i]) cs.addRect(14 + i * module, 80, module, 96);
                cs.fill();
                text(cs, bold, 11, 60, 62, tracking.replaceAll("(.{4})(?!$)", "$1 "));
                rule(cs, 50);
                text(cs, plain, 7, 12, 20, "Electronic Rate Approved #038555749  -  bench label");
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void text(PDPageContentStream cs, PDType1Font f, float size, float x, float y, String s) throws IOException {
        cs.beginText();
        cs.setFont(f, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    private static void rule(PDPageContentStream cs, float y) throws IOException {
        cs.setLineWidth(1.5f);
        cs.moveTo(6, y);
        cs.lineTo(W - 6, y);
        cs.stroke();
    }

    private static void matrix(PDPageContentStream cs, BitMatrix m, float x, float y, float cell) throws IOException {
        for (int r = 0; r < m.getHeight(); r++)
            for (int c = 0; c < m.getWidth(); c++)
                if (m.get(c, r)) cs.addRect(x + c * cell, y + (m.getHeight() - 1 - r) * cell, cell, cell);
        cs.fill();
    }
}
