package io.surgewms.labels;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.surgewms.barcode.Gs1ElementString;
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
import java.util.Map;
import java.util.function.Predicate;

/**
 * Shipping labels as a one-page PDF (4 x 6 in or 100 x 150 mm), laid out by {@code labels/shipping-4x6.pdf.layout}
 * (a site may edit it: see {@link PdfLayout}). Everything is placed in 203-dpi dots, and barcodes are vector bars
 * of whole dots, so the PDF printed on a 203-dpi thermal printer (or rasterized at 203 dpi) has exact bar widths.
 */
public final class PdfLabelRenderer {
    public static final String SHIPPING_LAYOUT = "shipping-4x6.pdf.layout";
    static final int DPI = 203;
    private static final char FNC1 = '\u00f1'; // ZXing's FNC1 for GS1-128

    private final PdfLayout layout;

    /** The built-in layout. */
    public PdfLabelRenderer() {
        this(LabelTemplates.builtIn());
    }

    public PdfLabelRenderer(LabelTemplates templates) {
        this(templates, SHIPPING_LAYOUT);
    }

    /** Another 4 x 6 in layout of labels/ (e.g. the return label), filled by {@link #render(Map, LabelSize)}. */
    public PdfLabelRenderer(LabelTemplates templates, String layoutName) {
        // Read once: a broken edited layout fails at start, not on the first parcel.
        this.layout = templates.pdfLayout(layoutName);
    }

    public PdfLayout layout() {
        return layout;
    }

    /** A 4 x 6 in label. */
    public byte[] render(ShippingLabel label) {
        return render(label, LabelSize.IN_4X6);
    }

    public byte[] render(ShippingLabel label, LabelSize size) {
        return render(LabelText.of(label), size);
    }

    /** The layout filled with these values (a null value leaves its element out). */
    public byte[] render(Map<String, String> values, LabelSize size) {
        LabelFonts.Pair fonts = LabelFonts.borrow();
        try (PDDocument doc = new PDDocument()) {
            PDType0Font regular = PDType0Font.load(doc, fonts.regular(), true);
            PDType0Font bold = PDType0Font.load(doc, fonts.bold(), true);
            PDPage page = new PDPage(new PDRectangle(size.widthPt(), size.heightPt()));
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                Canvas c = new Canvas(cs, size.widthPt() * DPI / 72f, size.heightPt() * DPI / 72f, regular, bold, fonts.regularCmap(), fonts.boldCmap());
                Map<String, String> wrapped = LabelText.wrapShipTo(values, key -> fits(c, key));
                for (PdfLayout.Element e : layout.elements()) draw(c, e, wrapped);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render label PDF", e);
        } finally {
            LabelFonts.giveBack(fonts);
        }
    }

    /** Whether a text fits, at full size, the text element that shows this value alone (null: the layout has none). */
    private Predicate<String> fits(Canvas c, String key) {
        for (PdfLayout.Element e : layout.elements()) {
            if (e.kind() != PdfLayout.Kind.TEXT || !e.content().names().equals(List.of(key))
                    || !String.join("", e.content().literals()).isEmpty()) continue;
            PDType0Font font = e.bold() ? c.bold() : c.regular();
            return t -> {
                try {
                    return Canvas.width(c.printable(t, font), font, e.size()) <= e.width();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            };
        }
        return null;
    }

    private void draw(Canvas c, PdfLayout.Element e, Map<String, String> values) throws IOException {
        String text = e.content().fill(values, layout.name());
        if (text == null) return;
        switch (e.kind()) {
            case TEXT -> c.text(text, e.bold() ? c.bold() : c.regular(), e.size(), e.x(), e.y(), e.width(), e.align());
            case RULE -> c.rule(e.y(), e.height());
            case CODE128 -> c.bars(new Code128Writer().encode(text), e.x(), e.y(), e.module(), e.height());
            case GS1_128 -> c.bars(new Code128Writer().encode(Gs1ElementString.join(String.valueOf(FNC1), Gs1ElementString.sscc(text))),
                    e.x(), e.y(), e.module(), e.height());
            case QR -> c.qr(text, e.x(), e.y(), e.module(), e.width());
        }
    }

    static float pt(float dots) {
        return dots * 72f / DPI;
    }

    /** Drawing in dots from the top left, the way the ZPL template thinks. */
    private record Canvas(PDPageContentStream cs, float pageWidth, float pageHeight, PDType0Font regular, PDType0Font bold, CmapLookup regularCmap, CmapLookup boldCmap) {

        /** One line of text; shrinks a long value to 85 % and then cuts it with an ellipsis rather than overflow. */
        void text(String s, PDType0Font font, float sizeDots, float x, float yTop, float maxWidth, String align) throws IOException {
            if (s == null) return;
            s = printable(s, font);
            // Width is linear in the size: measure once, then shrink by whole dots as far as 85 %
            float em = width(s, font, 1);
            float size = sizeDots;
            while (em * size > maxWidth && size > sizeDots * 0.85f) size -= 1;
            if (em * size > maxWidth) {
                while (s.length() > 1 && width(s + "…", font, size) > maxWidth) s = s.substring(0, s.length() - 1);
                s = s.strip() + "…";
                em = width(s, font, 1);
            }
            float left = switch (align) {
                case "right" -> x + maxWidth - em * size;
                case "center" -> x + (maxWidth - em * size) / 2;
                default -> x;
            };
            cs.beginText();
            cs.setFont(font, pt(size));
            // The top of a ZPL ^A0 field is its cell top; DejaVu's cap height sits about 0.8 em below the top.
            cs.newLineAtOffset(pt(left), pt(pageHeight - yTop - size * 0.8f));
            cs.showText(s);
            cs.endText();
        }

        void rule(float yTop, float thickness) throws IOException {
            box(0, yTop, pageWidth, thickness);
            cs.fill();
        }

        /** Bars of whole modules: one rectangle per run of dark modules; x < 0 centres them on the page. */
        void bars(boolean[] modules, int x, int yTop, int module, int height) throws IOException {
            if (x < 0) x = ((int) pageWidth - modules.length * module) / 2;
            for (int i = 0; i < modules.length; ) {
                if (!modules[i]) { i++; continue; }
                int start = i;
                while (i < modules.length && modules[i]) i++;
                box(x + start * module, yTop, (i - start) * module, height);
            }
            cs.fill();
        }

        void qr(String payload, int left, int top, int maxModule, int maxSide) throws IOException {
            ByteMatrix m;
            try {
                m = Encoder.encode(payload, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
            } catch (WriterException e) {
                throw new IllegalArgumentException("2D payload does not fit a QR code", e);
            }
            // Large payloads get smaller modules so the code and its quiet zone stay between the rules; never below 2 dots.
            int module = Math.max(2, Math.min(maxModule, maxSide / m.getWidth()));
            for (int y = 0; y < m.getHeight(); y++)
                for (int x = 0; x < m.getWidth(); x++)
                    if (m.get(x, y) == 1) box(left + x * module, top + y * module, module, module);
            cs.fill();
        }

        private void box(float x, float yTop, float w, float h) throws IOException {
            cs.addRect(pt(x), pt(pageHeight - yTop - h), pt(w), pt(h));
        }

        private static float width(String s, PDType0Font font, float size) throws IOException {
            return font.getStringWidth(s) / 1000f * size;
        }

        /** Characters the font has no glyph for (e.g. CJK in DejaVu) print as '?' instead of failing the label. */
        private String printable(String s, PDType0Font font) {
            CmapLookup cmap = font == bold ? boldCmap : regularCmap;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                if (cmap.getGlyphId(cp) == 0) return replaceMissing(s, cmap);
                i += Character.charCount(cp);
            }
            return s; // the usual case: every glyph is there, no copy
        }

        private static String replaceMissing(String s, CmapLookup cmap) {
            StringBuilder sb = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                if (cmap.getGlyphId(cp) == 0) sb.append('?');
                else sb.appendCodePoint(cp);
            });
            return sb.toString();
        }
    }
}
