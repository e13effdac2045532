package io.surgewms.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * TikTok-Shop-like shipping documents as a carrier's system makes them, for tests and the bench: embedded
 * subset fonts plus a little Helvetica, a logo picture, a big routing code, sender and recipient blocks,
 * the tracking number and the order number as Code 128 vector bars, a QR code of vector squares and a
 * DataMatrix drawn as a 1-bit picture. Bar widths are in points and by default do not fall on any
 * printer's dot grid (0.83 pt = 2.34 dots at 203 dpi, 3.46 at 300), as in a real carrier PDF.
 */
public final class TikTokLabelPdf {

    /** What one label says; the barcode texts are what a scanner must read back. */
    public record Content(String tracking, String orderId, String routing, String qr, String dataMatrix,
                          String recipient, List<String> recipientLines, String sender, List<String> senderLines) {}

    /** The paper the document comes on; the label sits in {@code box} (points, PDF origin bottom left). */
    public enum Paper {
        /** The 4 x 6 in label page itself. */
        IN_4X6(288, 432, new PDRectangle(0, 0, 288, 432)),
        /** A6 (105 x 148 mm), the label filling the page. */
        A6(297.64f, 419.53f, new PDRectangle(0, 0, 297.64f, 419.53f)),
        /** US Letter with a 4 x 6 in label at the top left, half an inch in, as some sellers download it. */
        LETTER(612, 792, new PDRectangle(36, 792 - 36 - 432, 288, 432));

        final float width, height;
        final PDRectangle box;

        Paper(float width, float height, PDRectangle box) {
            this.width = width;
            this.height = height;
            this.box = box;
        }
    }

    public static final float MODULE_PT = 0.83f;

    private TikTokLabelPdf() {}

    public static Content sample(int n) {
        String tracking = String.format("9400111899%012d", 223344556677L + 7919L * n);
        return new Content(tracking, String.format("5768%014d", 12345678901234L + 31L * n), "LAX 07-A" + (10 + n % 90),
                "TTS|" + tracking + "|US-CA-9000" + (n % 10), "TT" + String.format("%010d", 4242L * n + 17),
                "Emily Johnson-Rodriguez", List.of("1234 Sunset Boulevard Apt " + (n % 400), "Los Angeles, CA 90026-" + (1000 + n % 9000), "United States"),
                "Glowlab Cosmetics c/o Surge Fulfilment", List.of("Lagerstrasse 12, Halle 3", "10115 Berlin, DE"));
    }

    public static byte[] pdf(Paper paper, List<Content> pages) {
        return pdf(paper, pages, MODULE_PT);
    }

    /** One page per label; {@code modulePt} is the narrow bar of the tracking barcode in points. */
    public static byte[] pdf(Paper paper, List<Content> pages, float modulePt) {
        try (PDDocument doc = new PDDocument()) {
            PDFont regular, bold;
            try (InputStream r = TikTokLabelPdf.class.getResourceAsStream("/fonts/DejaVuSans.ttf");
                 InputStream b = TikTokLabelPdf.class.getResourceAsStream("/fonts/DejaVuSans-Bold.ttf")) {
                regular = PDType0Font.load(doc, r, true);
                bold = PDType0Font.load(doc, b, true);
            }
            PDFont helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDImageXObject logo = LosslessFactory.createFromImage(doc, logo());
            for (Content c : pages) {
                PDPage page = new PDPage(new PDRectangle(paper.width, paper.height));
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    new Drawing(cs, paper.box, regular, bold, helvetica).label(c, logo, modulePt, doc);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 1-bit "TikTok Shop" logo picture, as carriers embed theirs. */
    private static BufferedImage logo() {
        BufferedImage img = new BufferedImage(250, 48, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 250, 48);
        g.setColor(Color.BLACK);
        g.fillOval(4, 4, 40, 40);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        g.drawString("TikTok Shop", 50, 35);
        g.dispose();
        return img;
    }

    /** Draws in points from the label box's top left. */
    private record Drawing(PDPageContentStream cs, PDRectangle box, PDFont regular, PDFont bold, PDFont helvetica) {

        void label(Content c, PDImageXObject logo, float modulePt, PDDocument doc) throws IOException {
            float w = box.getWidth(), h = box.getHeight();
            cs.setLineWidth(1.2f);
            cs.addRect(box.getLowerLeftX() + 4, box.getLowerLeftY() + 4, w - 8, h - 8);
            cs.stroke();
            cs.drawImage(logo, x(10), y(10 + 24), 125, 24);
            text(bold, 8, "USPS GROUND ADVANTAGE", 150, 27);
            rule(44);
            // The routing (sort) code the hub reads from across the belt
            text(bold, 30, c.routing(), 12, 80);
            rule(90);
            text(helvetica, 6.5f, "FROM:", 10, 101);
            float yy = 101;
            for (String s : prepend(c.sender(), c.senderLines())) { text(regular, 6.5f, s, 34, yy); yy += 8; }
            rule(130);
            text(bold, 9, "SHIP TO:", 10, 145);
            yy = 145;
            for (String s : prepend(c.recipient(), c.recipientLines())) { text(bold, 11, s, 62, yy); yy += 14; }
            rule(200);
            text(bold, 8, "USPS TRACKING # EP", 10, 214);
            bars(new Code128Writer().encode(c.tracking()), modulePt, -1, 222, 72);
            text(regular, 9, spaced(c.tracking()), (w - regular.getStringWidth(spaced(c.tracking())) / 1000 * 9) / 2, 306);
            rule(314);
            text(helvetica, 7, "Order ID: " + c.orderId(), 14, 326);
            bars(new Code128Writer().encode(c.orderId()), 0.75f, 14, 332, 30);
            dataMatrix(c.dataMatrix(), doc, 126, 330, 2.0f);
            qr(c.qr(), w - 76, 326, 2.2f);
            text(helvetica, 6, "Qty 2  SKU GL-SERUM-30ML x1, GL-CREAM-50ML x1", 14, 378);
            text(helvetica, 6, "Sort by routing code. Do not cover the barcodes.", 14, 400);
        }

        private static List<String> prepend(String first, List<String> rest) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
        }

        private static String spaced(String digits) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < digits.length(); i++) {
                if (i > 0 && i % 4 == 0) sb.append(' ');
                sb.append(digits.charAt(i));
            }
            return sb.toString();
        }

        private float x(float fromLeft) {
            return box.getLowerLeftX() + fromLeft;
        }

        private float y(float fromTop) {
            return box.getUpperRightY() - fromTop;
        }

        void text(PDFont font, float size, String s, float left, float baseline) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x(left), y(baseline));
            cs.showText(s);
            cs.endText();
        }

        void rule(float top) throws IOException {
            cs.addRect(x(4), y(top + 0.8f), box.getWidth() - 8, 0.8f);
            cs.fill();
        }

        /** Vector bars, one rectangle per dark run (left < 0: centred); quiet zones come from the page around them. */
        void bars(boolean[] modules, float module, float left, float top, float height) throws IOException {
            if (left < 0) left = (box.getWidth() - modules.length * module) / 2;
            for (int i = 0; i < modules.length; ) {
                if (!modules[i]) { i++; continue; }
                int start = i;
                while (i < modules.length && modules[i]) i++;
                cs.addRect(x(left + start * module), y(top + height), (i - start) * module, height);
            }
            cs.fill();
        }

        void qr(String payload, float left, float top, float module) throws IOException {
            ByteMatrix m;
            try {
                m = Encoder.encode(payload, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
            } catch (WriterException e) {
                throw new IllegalArgumentException(e);
            }
            for (int r = 0; r < m.getHeight(); r++)
                for (int col = 0; col < m.getWidth(); col++)
                    if (m.get(col, r) == 1) cs.addRect(x(left + col * module), y(top + (r + 1) * module), module, module);
            cs.fill();
        }

        /** A DataMatrix as a picture of one pixel per module, scaled up by the PDF (as some label tools do). */
        void dataMatrix(String payload, PDDocument doc, float left, float top, float module) throws IOException {
            BitMatrix m = new DataMatrixWriter().encode(payload, BarcodeFormat.DATA_MATRIX, 0, 0);
            BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int r = 0; r < m.getHeight(); r++)
                for (int col = 0; col < m.getWidth(); col++)
                    img.setRGB(col, r, m.get(col, r) ? 0xff000000 : 0xffffffff);
            cs.drawImage(LosslessFactory.createFromImage(doc, img), x(left), y(top + m.getHeight() * module),
                    m.getWidth() * module, m.getHeight() * module);
        }
    }
}
