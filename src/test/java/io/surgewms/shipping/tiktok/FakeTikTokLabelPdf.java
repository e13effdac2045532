package io.surgewms.shipping.tiktok;

import com.google.zxing.oned.Code128Writer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A shipping label as TikTok's shipping document link serves one: a one-page 4x6 in PDF with the carrier and
 * service, a masked recipient (TikTok hides the buyer of a TikTok Shipping order), and the tracking number
 * as text and as a Code 128 barcode a scanner can read. Built here because the real one cannot be fetched.
 */
final class FakeTikTokLabelPdf {
    private FakeTikTokLabelPdf() {}

    static final float WIDTH_PT = 4 * 72f;
    static final float HEIGHT_PT = 6 * 72f;
    /** Points per Code 128 module: wide enough for a 203 dpi printer and a decoder at that resolution. */
    private static final float MODULE_PT = 1.2f;

    static byte[] label(String carrier, String service, String tracking, String orderId) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(new PDRectangle(WIDTH_PT, HEIGHT_PT));
            doc.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                text(cs, bold, 22, 14, HEIGHT_PT - 34, carrier.toUpperCase());
                text(cs, bold, 12, 14, HEIGHT_PT - 52, service);
                cs.setLineWidth(1.5f);
                cs.moveTo(10, HEIGHT_PT - 62);
                cs.lineTo(WIDTH_PT - 10, HEIGHT_PT - 62);
                cs.stroke();
                text(cs, plain, 8, 14, HEIGHT_PT - 78, "FROM: SURGE DEMO WAREHOUSE, 100 DOCK RD, AUSTIN TX 78744");
                text(cs, bold, 10, 14, HEIGHT_PT - 104, "SHIP TO:");
                text(cs, bold, 12, 30, HEIGHT_PT - 120, "A*** B****");
                text(cs, plain, 11, 30, HEIGHT_PT - 135, "1*** M*** ST");
                text(cs, plain, 11, 30, HEIGHT_PT - 150, "AUSTIN TX 78701-****");
                text(cs, bold, 9, 14, 186, "TRACKING #");
                bars(cs, new Code128Writer().encode(tracking), 14, 80, 96);
                text(cs, bold, 11, 14, 62, spaced(tracking));
                text(cs, plain, 7, 14, 20, "TikTok Shop order " + orderId + "  -  Shipped by TikTok");
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    private static void bars(PDPageContentStream cs, boolean[] modules, float x, float y, float height) throws IOException {
        for (int i = 0; i < modules.length; i++) if (modules[i]) cs.addRect(x + i * MODULE_PT, y, MODULE_PT, height);
        cs.fill();
    }

    /** The tracking number in groups of four, as carriers print it under the barcode. */
    private static String spaced(String tracking) {
        return tracking.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
