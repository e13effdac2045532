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
 * Batch labels as an A4 PDF for office printers: 3 x 8 cells of 70 x 37 mm (the common 24-up label sheet),
 * each a Code 128 of the code, the code in large type and the caption. Placed in whole 203-dpi dots like the
 * shipping label, so bars keep exact widths when the sheet is rasterized or printed on a thermal printer.
 */
public final class BatchLabelSheet {
    static final int DPI = 203, COLUMNS = 3, ROWS = 8, PER_PAGE = COLUMNS * ROWS;
    /** Cell size in dots (70 x 37 mm) and the sheet's top margin that centres 8 rows on A4. */
    static final int CELL_W = 559, CELL_H = 296, TOP = 2;
    static final int PAD = 40, BAR_Y = 28, BAR_H = 120;
    private static final float PAGE_H = PDRectangle.A4.getHeight() * DPI / 72f;

    public byte[] render(List<BatchLabel> labels) {
        if (labels.isEmpty()) throw new IllegalArgumentException("no labels to print");
        LabelFonts.Pair fonts = LabelFonts.borrow();
        try (PDDocument doc = new PDDocument()) {
            PDType0Font regular = PDType0Font.load(doc, fonts.regular(), true);
            PDType0Font bold = PDType0Font.load(doc, fonts.bold(), true);
            for (int first = 0; first < labels.size(); first += PER_PAGE) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    for (int i = first; i < Math.min(labels.size(), first + PER_PAGE); i++) {
                        int cell = i - first;
                        cell(cs, labels.get(i), (cell % COLUMNS) * CELL_W, TOP + (cell / COLUMNS) * CELL_H, regular, bold, fonts);
                    }
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

    private static void cell(PDPageContentStream cs, BatchLabel l, int x0, int y0, PDType0Font regular, PDType0Font bold,
                             LabelFonts.Pair fonts) throws IOException {
        boolean[] modules = new Code128Writer().encode(l.code());
        int room = CELL_W - 2 * PAD;
        // 2-dot modules (0.25 mm) when they fit, else 1 dot: a 32-character free code is ~390 modules
        int module = modules.length * 2 <= room ? 2 : 1;
        int bx = x0 + (CELL_W - modules.length * module) / 2;
        for (int i = 0; i < modules.length; ) {
            if (!modules[i]) { i++; continue; }
            int start = i;
            while (i < modules.length && modules[i]) i++;
            rect(cs, bx + start * module, y0 + BAR_Y, (i - start) * module, BAR_H);
        }
        cs.fill();
        // The code may shrink far (to 35 %) before it is cut: a cut code is useless to the person reading it
        text(cs, l.code(), bold, fonts.boldCmap(), 56, 0.35f, x0 + PAD, y0 + BAR_Y + BAR_H + 12, room);
        text(cs, l.caption(), regular, fonts.regularCmap(), 32, 0.6f, x0 + PAD, y0 + BAR_Y + BAR_H + 80, room);
    }

    /** Centred text that shrinks down to minScale to fit, then is cut with an ellipsis; missing glyphs print as '?'. */
    private static void text(PDPageContentStream cs, String s, PDType0Font font, CmapLookup cmap, float size, float minScale,
                             int x, int yTop, int width)
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
        cs.newLineAtOffset(pt(x + (width - w) / 2), pt(PAGE_H - yTop - size * 0.8f));
        cs.showText(s);
        cs.endText();
    }

    private static void rect(PDPageContentStream cs, float x, float yTop, float w, float h) throws IOException {
        cs.addRect(pt(x), pt(PAGE_H - yTop - h), pt(w), pt(h));
    }

    private static float pt(float dots) {
        return dots * 72f / DPI;
    }
}
