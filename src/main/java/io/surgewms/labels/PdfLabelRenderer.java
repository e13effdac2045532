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
import java.util.Map;

/**
 * Shipping labels as a one-page PDF (4 x 6 in or 100 x 150 mm) with the layout of {@code labels/shipping-4x6.zpl}.
 * Everything is placed in 203-dpi dots, and barcodes are vector bars of whole dots, so the PDF
 * printed on a 203-dpi thermal printer (or rasterized at 203 dpi) has exact bar widths.
 */
public final class PdfLabelRenderer {
    static final int DPI = 203;
    /** Where the barcodes go, in dots from the top left; tests crop around them. */
    public static final int TRACKING_X = 60, TRACKING_Y = 756, TRACKING_H = 140, TRACKING_MODULE = 2;
    public static final int SSCC_Y = 986, SSCC_H = 170, SSCC_MODULE = 4;
    static final int QR_X = 600, QR_Y = 536, QR_MODULE = 4, QR_MAX = 160;
    private static final char FNC1 = '\u00f1'; // ZXing's FNC1 for GS1-128

    /** A 4 x 6 in label. */
    public byte[] render(ShippingLabel label) {
        return render(label, LabelSize.IN_4X6);
    }

    public byte[] render(ShippingLabel label, LabelSize size) {
        Map<String, String> t = LabelText.of(label);
        LabelFonts.Pair fonts = LabelFonts.borrow();
        try (PDDocument doc = new PDDocument()) {
            PDType0Font regular = PDType0Font.load(doc, fonts.regular(), true);
            PDType0Font bold = PDType0Font.load(doc, fonts.bold(), true);
            PDPage page = new PDPage(new PDRectangle(size.widthPt(), size.heightPt()));
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                Canvas c = new Canvas(cs, size.widthPt() * DPI / 72f, size.heightPt() * DPI / 72f, regular, bold, fonts.regularCmap(), fonts.boldCmap());
                // Ship-from (left) and carrier (right)
                c.text("FROM", regular, 22, 30, 24, 480, false);
                c.text(t.get("shipFromName"), regular, 26, 30, 50, 480, false);
                c.text(t.get("shipFromLine1"), regular, 24, 30, 80, 480, false);
                c.text(t.get("shipFromLine2"), regular, 24, 30, 108, 480, false);
                c.text(t.get("shipFromCityLine"), regular, 24, 30, 136, 480, false);
                c.text(t.get("carrier"), bold, 48, 530, 30, 252, true);
                c.text(t.get("service"), regular, 28, 530, 96, 252, true);
                c.rule(176);
                // Ship-to
                c.text("SHIP TO", regular, 22, 30, 192, 752, false);
                c.text(t.get("shipToName"), bold, 44, 30, 224, 752, false);
                c.text(t.get("shipToLine1"), regular, 36, 30, 282, 752, false);
                c.text(t.get("shipToLine2"), regular, 36, 30, 326, 752, false);
                c.text(t.get("shipToLine3"), regular, 36, 30, 370, 752, false);
                c.text(t.get("shipToCityLine"), bold, 40, 30, 416, 752, false);
                c.text(t.get("shipToCountry"), regular, 36, 30, 466, 752, false);
                c.rule(516);
                // Order block, room for the 2D code on the right
                int textWidth = t.get("qrPayload") == null ? 752 : QR_X - 50;
                c.text(t.get("orderLine"), regular, 28, 30, 536, textWidth, false);
                c.text(t.get("shopLine"), regular, 28, 30, 576, textWidth, false);
                c.text(t.get("weightLine"), regular, 28, 30, 616, textWidth, false);
                c.text(t.get("parcelLine"), bold, 28, 30, 656, textWidth, false);
                if (t.get("qrPayload") != null) c.qr(t.get("qrPayload"));
                c.rule(712);
                // Tracking number, Code 128
                c.text("TRACKING", regular, 22, 30, 728, 752, false);
                c.bars(new Code128Writer().encode(label.trackingNumber()), TRACKING_X, TRACKING_Y, TRACKING_MODULE, TRACKING_H);
                c.text(t.get("trackingNumber"), regular, 28, TRACKING_X, 904, 782 - TRACKING_X, false);
                c.rule(944);
                // SSCC, GS1-128 (FNC1 + AI 00), centred like the ZPL
                c.text("SSCC", regular, 22, 30, 958, 752, false);
                boolean[] sscc = new Code128Writer().encode(Gs1ElementString.join(String.valueOf(FNC1), Gs1ElementString.sscc(label.sscc())));
                c.bars(sscc, ((int) c.pageWidth() - sscc.length * SSCC_MODULE) / 2, SSCC_Y, SSCC_MODULE, SSCC_H);
                c.centered(t.get("ssccText"), bold, 30, 1162);
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

    static float pt(float dots) {
        return dots * 72f / DPI;
    }

    /** Drawing in dots from the top left, the way the ZPL template thinks. */
    private record Canvas(PDPageContentStream cs, float pageWidth, float pageHeight, PDType0Font regular, PDType0Font bold, CmapLookup regularCmap, CmapLookup boldCmap) {

        /** One line of text; shrinks a long value to 85 % and then cuts it with an ellipsis rather than overflow. */
        void text(String s, PDType0Font font, float sizeDots, float x, float yTop, float maxWidth, boolean alignRight) throws IOException {
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
            float left = alignRight ? x + maxWidth - em * size : x;
            cs.beginText();
            cs.setFont(font, pt(size));
            // The top of a ZPL ^A0 field is its cell top; DejaVu's cap height sits about 0.8 em below the top.
            cs.newLineAtOffset(pt(left), pt(pageHeight - yTop - size * 0.8f));
            cs.showText(s);
            cs.endText();
        }

        void centered(String s, PDType0Font font, float sizeDots, float yTop) throws IOException {
            if (s == null) return;
            float w = Math.min(width(printable(s, font), font, sizeDots), pageWidth - 60);
            text(s, font, sizeDots, (pageWidth - w) / 2, yTop, w + 1, false);
        }

        void rule(float yTop) throws IOException {
            box(0, yTop, pageWidth, 4);
            cs.fill();
        }

        /** Bars of whole modules: one rectangle per run of dark modules. */
        void bars(boolean[] modules, int x, int yTop, int module, int height) throws IOException {
            for (int i = 0; i < modules.length; ) {
                if (!modules[i]) { i++; continue; }
                int start = i;
                while (i < modules.length && modules[i]) i++;
                box(x + start * module, yTop, (i - start) * module, height);
            }
            cs.fill();
        }

        void qr(String payload) throws IOException {
            ByteMatrix m;
            try {
                m = Encoder.encode(payload, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
            } catch (WriterException e) {
                throw new IllegalArgumentException("2D payload does not fit a QR code", e);
            }
            // Large payloads get smaller modules so the code and its quiet zone stay between the rules; never below 2 dots.
            int module = Math.max(2, Math.min(QR_MODULE, QR_MAX / m.getWidth()));
            for (int y = 0; y < m.getHeight(); y++)
                for (int x = 0; x < m.getWidth(); x++)
                    if (m.get(x, y) == 1) box(QR_X + x * module, QR_Y + y * module, module, module);
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
