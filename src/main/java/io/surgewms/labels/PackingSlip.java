package io.surgewms.labels;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The packing slip that goes into the parcel: shop, order, ship-to, and each line with its quantity.
 * A4 portrait; long lists continue on further pages with the header repeated.
 */
public record PackingSlip(String shop, String orderReference, String date, ShippingLabel.Address shipTo, List<Line> lines) {

    public record Line(String sku, String name, int quantity) {}

    private static final float MARGIN = 50, ROW = 18;
    private static final int ROWS_PER_PAGE = 34;

    public byte[] render() {
        LabelFonts.Pair fonts = LabelFonts.borrow();
        try (PDDocument doc = new PDDocument()) {
            PDType0Font regular = PDType0Font.load(doc, fonts.regular(), true);
            PDType0Font bold = PDType0Font.load(doc, fonts.bold(), true);
            int pages = Math.max(1, (lines.size() + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                float top = page.getMediaBox().getHeight() - MARGIN;
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    text(cs, bold, fonts.boldCmap(), 20, MARGIN, top, "Packing slip");
                    text(cs, regular, fonts.regularCmap(), 11, 330, top, "Order " + orderReference);
                    text(cs, regular, fonts.regularCmap(), 11, 330, top - 16, "Shop " + shop);
                    text(cs, regular, fonts.regularCmap(), 11, 330, top - 32, date + (pages > 1 ? "   page " + (p + 1) + " of " + pages : ""));
                    float y = top - 40;
                    text(cs, bold, fonts.boldCmap(), 11, MARGIN, y, "Ship to");
                    y -= 16;
                    text(cs, regular, fonts.regularCmap(), 11, MARGIN, y, shipTo.name());
                    if (shipTo.company() != null) text(cs, regular, fonts.regularCmap(), 11, MARGIN, y -= 14, shipTo.company());
                    for (String l : shipTo.lines()) text(cs, regular, fonts.regularCmap(), 11, MARGIN, y -= 14, l);
                    text(cs, regular, fonts.regularCmap(), 11, MARGIN, y -= 14,
                            shipTo.postalCode() + " " + shipTo.city() + (shipTo.region() == null ? "" : " " + shipTo.region()) + " " + shipTo.country());
                    y -= 34;
                    text(cs, bold, fonts.boldCmap(), 11, MARGIN, y, "SKU");
                    text(cs, bold, fonts.boldCmap(), 11, 170, y, "Item");
                    text(cs, bold, fonts.boldCmap(), 11, 500, y, "Qty");
                    cs.moveTo(MARGIN, y - 5);
                    cs.lineTo(545, y - 5);
                    cs.stroke();
                    for (int i = p * ROWS_PER_PAGE; i < Math.min(lines.size(), (p + 1) * ROWS_PER_PAGE); i++) {
                        Line l = lines.get(i);
                        y -= ROW;
                        text(cs, regular, fonts.regularCmap(), 10, MARGIN, y, cut(l.sku(), 18));
                        text(cs, regular, fonts.regularCmap(), 10, 170, y, cut(l.name(), 52));
                        text(cs, bold, fonts.boldCmap(), 11, 500, y, String.valueOf(l.quantity()));
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render packing slip", e);
        } finally {
            LabelFonts.giveBack(fonts);
        }
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Text at a baseline; characters the font lacks print as '?' instead of failing the slip. */
    private static void text(PDPageContentStream cs, PDType0Font font, CmapLookup cmap, float size, float x, float y, String s)
            throws IOException {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.append(cmap.getGlyphId(cp) == 0 ? "?" : Character.toString(cp)));
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(sb.toString());
        cs.endText();
    }
}
