package io.surgewms.labels;

import com.google.zxing.oned.Code128Writer;
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
 * Batch labels as a PDF sheet for office printers, on the site's paper: A4 with 3 x 8 cells of 70 x 37 mm (the
 * common 24-up sheet), or US Letter with 3 x 10 labels of 2.625 x 1 in on the Avery 5160 grid. Each cell holds a
 * Code 128 of the code, the code in large type and the caption. Placed in whole 203-dpi dots like the shipping
 * label, so bars keep exact widths when the sheet is rasterized or printed on a thermal printer.
 */
public final class BatchLabelSheet {
    static final int DPI = 203;

    /**
     * A label stock in 203-dpi dots: the first cell's corner, the distance between cells (fractional: the grid is
     * in inches, each cell's corner is rounded on its own so no error adds up), a cell's size, and where its parts go.
     */
    record Stock(Paper paper, int columns, int rows, double left, double top, double pitchX, double pitchY, int cellW, int cellH,
                 int pad, int barY, int barH, int codeY, int codeSize, int captionY, int captionSize) {
        int perPage() {
            return columns * rows;
        }

        int x(int cell) {
            return (int) Math.round(left + (cell % columns) * pitchX);
        }

        int y(int cell) {
            return (int) Math.round(top + (cell / columns) * pitchY);
        }
    }

    /** 70 x 37 mm (559 x 296 dots), 3 across A4's 210 mm, 8 rows centred on its 297 mm. */
    static final Stock A4_24 = new Stock(Paper.A4, 3, 8, 0, 2, 559, 296, 559, 296, 40, 28, 120, 160, 56, 228, 32);
    /** Avery 5160: 2.625 x 1 in, top margin 0.5 in, side margin 3/16 in, columns 2.75 in apart, no gap between rows. */
    static final Stock LETTER_30 = new Stock(Paper.LETTER, 3, 10, 0.1875 * DPI, 0.5 * DPI, 2.75 * DPI, DPI,
            (int) Math.round(2.625 * DPI), DPI, 30, 16, 84, 104, 40, 150, 28);

    private final Stock stock;

    /** The A4 sheet. */
    public BatchLabelSheet() {
        this(Paper.A4);
    }

    public BatchLabelSheet(Paper paper) {
        this.stock = paper == Paper.LETTER ? LETTER_30 : A4_24;
    }

    Stock stock() {
        return stock;
    }

    public byte[] render(List<BatchLabel> labels) {
        if (labels.isEmpty()) throw new IllegalArgumentException("no labels to print");
        LabelFonts.Pair fonts = LabelFonts.borrow();
        try (PDDocument doc = new PDDocument()) {
            PDType0Font regular = PDType0Font.load(doc, fonts.regular(), true);
            PDType0Font bold = PDType0Font.load(doc, fonts.bold(), true);
            PDRectangle size = stock.paper().page();
            float pageH = size.getHeight() * DPI / 72f;
            for (int first = 0; first < labels.size(); first += stock.perPage()) {
                PDPage page = new PDPage(size);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    Cell c = new Cell(cs, pageH, regular, bold, fonts);
                    for (int i = first; i < Math.min(labels.size(), first + stock.perPage()); i++)
                        c.draw(labels.get(i), stock, stock.x(i - first), stock.y(i - first));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render label sheet", e);
        } finally {
            LabelFonts.giveBack(fonts);
        }
    }

    private record Cell(PDPageContentStream cs, float pageH, PDType0Font regular, PDType0Font bold, LabelFonts.Pair fonts) {

        void draw(BatchLabel l, Stock s, int x0, int y0) throws IOException {
            boolean[] modules = new Code128Writer().encode(l.code());
            int room = s.cellW() - 2 * s.pad();
            // 2-dot modules (0.25 mm) when they fit, else 1 dot: a 32-character free code is ~390 modules
            int module = modules.length * 2 <= room ? 2 : 1;
            int bx = x0 + (s.cellW() - modules.length * module) / 2;
            for (int i = 0; i < modules.length; ) {
                if (!modules[i]) { i++; continue; }
                int start = i;
                while (i < modules.length && modules[i]) i++;
                rect(bx + start * module, y0 + s.barY(), (i - start) * module, s.barH());
            }
            cs.fill();
            // The code may shrink far (to 35 %) before it is cut: a cut code is useless to the person reading it
            text(l.code(), bold, fonts.boldCmap(), s.codeSize(), 0.35f, x0 + s.pad(), y0 + s.codeY(), room);
            text(l.caption(), regular, fonts.regularCmap(), s.captionSize(), 0.6f, x0 + s.pad(), y0 + s.captionY(), room);
        }

        /** Centred text that shrinks down to minScale to fit, then is cut with an ellipsis; missing glyphs print as '?'. */
        private void text(String s, PDType0Font font, CmapLookup cmap, float size, float minScale, int x, int yTop, int width)
                throws IOException {
            if (s == null) return;
            StringBuilder sb = new StringBuilder();
            s.codePoints().forEach(cp -> sb.append(cmap.getGlyphId(cp) == 0 ? "?" : Character.toString(cp)));
            s = sb.toString();
            float em = font.getStringWidth(s) / 1000f;
            // A hair under the exact fit: width / em * em can round above width, and the loop below would cut a code that fits
            size = Math.max(size * minScale, Math.min(size, width / em * 0.999f));
            while (s.length() > 1 && font.getStringWidth(s) / 1000f * size > width) s = s.substring(0, s.length() - 2) + "…";
            float w = font.getStringWidth(s) / 1000f * size;
            cs.beginText();
            cs.setFont(font, pt(size));
            cs.newLineAtOffset(pt(x + (width - w) / 2), pt(pageH - yTop - size * 0.8f));
            cs.showText(s);
            cs.endText();
        }

        private void rect(float x, float yTop, float w, float h) throws IOException {
            cs.addRect(pt(x), pt(pageH - yTop - h), pt(w), pt(h));
        }
    }

    private static float pt(float dots) {
        return dots * 72f / DPI;
    }
}
