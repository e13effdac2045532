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
import java.util.ArrayList;
import java.util.List;

/**
 * The packing slip that goes into the parcel: shop, order, ship-to, and each line with its quantity. Portrait on
 * the site's paper (A4 or US Letter); columns are placed from both page edges, long address lines wrap, long
 * names are cut with "…" at their column, so nothing runs off the page. Long lists continue on further pages with
 * the header repeated.
 */
public record PackingSlip(String shop, String orderReference, String date, ShippingLabel.Address shipTo, List<Line> lines) {

    public record Line(String sku, String name, int quantity) {}

    private static final float MARGIN = 50, BOTTOM = 40, ROW = 18, ADDRESS_ROW = 14;

    /** On A4. */
    public byte[] render() {
        return render(Paper.A4);
    }

    public byte[] render(Paper paper) {
        LabelFonts.Pair fonts = LabelFonts.borrow();
        try (PDDocument doc = new PDDocument()) {
            Fonts f = new Fonts(PDType0Font.load(doc, fonts.regular(), true), PDType0Font.load(doc, fonts.bold(), true),
                    fonts.regularCmap(), fonts.boldCmap());
            PDRectangle size = paper.page();
            float right = size.getWidth() - MARGIN, info = right - 215, qty = right - 45, item = 170, top = size.getHeight() - MARGIN;
            List<String> address = address(f, right - MARGIN);
            float tableTop = top - 56 - ADDRESS_ROW * (address.size() - 1) - 34;
            int perPage = Math.max(1, (int) ((tableTop - 5 - BOTTOM) / ROW));
            int pages = Math.max(1, (lines.size() + perPage - 1) / perPage);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(size);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    f.text(cs, true, 20, MARGIN, top, "Packing slip", info - 10 - MARGIN);
                    f.text(cs, false, 11, info, top, "Order " + orderReference, right - info);
                    f.text(cs, false, 11, info, top - 16, "Shop " + shop, right - info);
                    f.text(cs, false, 11, info, top - 32, date + (pages > 1 ? "   page " + (p + 1) + " of " + pages : ""), right - info);
                    float y = top - 40;
                    f.text(cs, true, 11, MARGIN, y, "Ship to", right - MARGIN);
                    y -= 16;
                    for (int i = 0; i < address.size(); i++) f.text(cs, false, 11, MARGIN, y - i * ADDRESS_ROW, address.get(i), right - MARGIN);
                    y = tableTop;
                    f.text(cs, true, 11, MARGIN, y, "SKU", item - 10 - MARGIN);
                    f.text(cs, true, 11, item, y, "Item", qty - 10 - item);
                    f.text(cs, true, 11, qty, y, "Qty", right - qty);
                    cs.moveTo(MARGIN, y - 5);
                    cs.lineTo(right, y - 5);
                    cs.stroke();
                    for (int i = p * perPage; i < Math.min(lines.size(), (p + 1) * perPage); i++) {
                        Line l = lines.get(i);
                        y -= ROW;
                        f.text(cs, false, 10, MARGIN, y, l.sku(), item - 10 - MARGIN);
                        f.text(cs, false, 10, item, y, l.name(), qty - 10 - item);
                        f.text(cs, true, 11, qty, y, String.valueOf(l.quantity()), right - qty);
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

    /** Name, company, street lines and city line, each wrapped at word boundaries to the width (at most 3 rows a line). */
    private List<String> address(Fonts f, float width) {
        List<String> given = new ArrayList<>();
        given.add(shipTo.name());
        if (shipTo.company() != null) given.add(shipTo.company());
        given.addAll(shipTo.lines());
        given.add(String.join(" ", java.util.stream.Stream.of(shipTo.postalCode(), shipTo.city(), shipTo.region(), shipTo.country())
                .filter(s -> s != null && !s.isBlank()).toList()));
        List<String> out = new ArrayList<>();
        for (String s : given) {
            for (int rows = 1; rows < 3 && f.width(false, 11, s) > width; rows++) {
                int cut = LineWrap.breakAt(s, t -> f.width(false, 11, t) <= width);
                out.add(s.substring(0, cut).strip());
                s = s.substring(cut).strip();
            }
            out.add(s);
        }
        return out;
    }

    private record Fonts(PDType0Font regular, PDType0Font bold, CmapLookup regularCmap, CmapLookup boldCmap) {

        float width(boolean b, float size, String s) {
            try {
                return (b ? bold : regular).getStringWidth(printable(b, s)) / 1000f * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Text at a baseline, cut with "…" to the width; characters the font lacks print as '?' instead of failing the slip. */
        void text(PDPageContentStream cs, boolean b, float size, float x, float y, String s, float width) throws IOException {
            if (s == null) return;
            s = printable(b, s);
            if (width(b, size, s) > width) {
                while (s.length() > 1 && width(b, size, s + "…") > width) s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
                s = s.stripTrailing() + "…";
            }
            cs.beginText();
            cs.setFont(b ? bold : regular, size);
            cs.newLineAtOffset(x, y);
            cs.showText(s);
            cs.endText();
        }

        private String printable(boolean b, String s) {
            CmapLookup cmap = b ? boldCmap : regularCmap;
            StringBuilder sb = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> sb.append(cmap.getGlyphId(cp) == 0 ? "?" : Character.toString(cp)));
            return sb.toString();
        }
    }
}
