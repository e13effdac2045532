package io.surgewms.labels;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchLabelTest {

    static final List<BatchLabel> MIXED = List.of(
            BatchLabel.location("A-03-12-2"), BatchLabel.tote("TOTE-0001"),
            BatchLabel.product("4006381333931", "Glowlab Night Cream 50 ml, Lavendel & Łąka"),
            BatchLabel.badge("P-0042", "Zofia Łukasiewicz"), BatchLabel.location("STAGE-LANE-NORTH-000000000000012"));

    @Test
    void shall_print_one_zpl_label_per_record_from_its_template() {
        String zpl = new BatchLabelZpl(LabelTemplates.builtIn()).render(MIXED, 203);
        assertEquals(5, zpl.split("\\^XA", -1).length - 1);
        assertEquals(5, zpl.split("\\^XZ", -1).length - 1);
        assertTrue(zpl.contains("^BCN,100,N,N,N,A^FH^FDA-03-12-2^FS"), zpl);
        assertTrue(zpl.contains("^FDZofia _C5_81ukasiewicz^FS"), "badge name escaped as UTF-8 hex");
        assertTrue(zpl.contains("^BCN,80,N,N,N,A^FH^FD4006381333931^FS"));
        assertTrue(zpl.contains("^PW406\n^LL203\n"));
        assertTrue(new BatchLabelZpl(LabelTemplates.builtIn()).render(List.of(BatchLabel.tote("TOTE-0001")), 300).contains("^PW600\n"));
    }

    @Test
    void shall_reject_codes_that_would_not_scan_as_their_kind() {
        assertThrows(IllegalArgumentException.class, () -> BatchLabel.location("A-3-12-2"));
        assertThrows(IllegalArgumentException.class, () -> BatchLabel.product("4006381333932", "bad check digit"));
        assertThrows(IllegalArgumentException.class, () -> BatchLabel.badge("p 1", "x"));
    }

    @Test
    void shall_lay_out_an_a4_sheet_whose_barcodes_read_back() throws Exception {
        List<BatchLabel> many = new ArrayList<>(MIXED);
        for (int i = 1; i <= 22; i++) many.add(BatchLabel.tote(String.format("TOTE-%04d", i)));
        byte[] pdf = new BatchLabelSheet().render(many);
        Path out = Path.of("target/labels");
        Files.createDirectories(out);
        Files.write(out.resolve("batch-sheet.pdf"), pdf);
        BatchLabelSheet.Stock a4 = BatchLabelSheet.A4_24;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(2, doc.getNumberOfPages(), "27 labels: 24 on the first A4 page, 3 on the second");
            assertEquals(595.28f, doc.getPage(0).getMediaBox().getWidth(), 0.01f);
            BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.BINARY);
            ImageIO.write(img, "png", out.resolve("batch-sheet.png").toFile());
            // Each cell read alone, as a hand scanner aimed at one label would
            for (int cell = 0; cell < MIXED.size(); cell++) {
                BufferedImage region = img.getSubimage(a4.x(cell), a4.y(cell) + a4.barY() + 10, a4.cellW(), a4.barH() - 20);
                assertEquals(MIXED.get(cell).code(), Barcodes.read(region, false), "cell " + cell);
            }
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Zofia Łukasiewicz") && text.contains("TOTE-0022"), text);
            assertTrue(text.contains("STAGE-LANE-NORTH-000000000000012"), "a long code shrinks, it is never cut");
        }
    }

    @Test
    void shall_print_30_up_on_letter_inside_the_avery_5160_labels() throws Exception {
        List<BatchLabel> many = new ArrayList<>(MIXED);
        for (int i = 1; i <= 26; i++) many.add(BatchLabel.tote(String.format("TOTE-%04d", i)));
        byte[] pdf = new BatchLabelSheet(Paper.LETTER).render(many);
        BatchLabelSheet.Stock letter = BatchLabelSheet.LETTER_30;
        // The Avery 5160 grid: 2.625 x 1 in labels, 3/16 in side margin, 0.5 in top margin, columns 2.75 in apart
        assertEquals(List.of(38, 596, 1155), List.of(letter.x(0), letter.x(1), letter.x(2)), "3/16, 2 15/16, 5 11/16 in at 203 dpi");
        assertEquals(List.of(102, 305, 1929), List.of(letter.y(0), letter.y(3), letter.y(29)), "0.5, 1.5, 9.5 in");
        assertEquals(533, letter.cellW());
        assertEquals(203, letter.cellH());
        Path out = Path.of("target/labels");
        Files.createDirectories(out);
        Files.write(out.resolve("batch-sheet-letter.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(2, doc.getNumberOfPages(), "31 labels: 30 on the first Letter page, 1 on the second");
            assertEquals(612f, doc.getPage(0).getMediaBox().getWidth(), 0.01f);
            assertEquals(792f, doc.getPage(0).getMediaBox().getHeight(), 0.01f);
            BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.BINARY);
            ImageIO.write(img, "png", out.resolve("batch-sheet-letter.png").toFile());
            // For a person to look at: the Avery 5160 die-cut outlines drawn over the sheet
            BufferedImage grid = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = grid.createGraphics();
            g.drawImage(img, 0, 0, null);
            g.setColor(java.awt.Color.RED);
            for (int cell = 0; cell < letter.perPage(); cell++)
                g.drawRoundRect((int) Math.round((0.1875 + cell % 3 * 2.75) * 203), (int) Math.round((0.5 + cell / 3) * 203),
                        (int) Math.round(2.625 * 203), 203, 25, 25);
            g.dispose();
            ImageIO.write(grid, "png", out.resolve("batch-sheet-letter-avery-grid.png").toFile());
            for (int cell = 0; cell < letter.perPage(); cell++) {
                BufferedImage region = img.getSubimage(letter.x(cell), letter.y(cell) + letter.barY() + 8, letter.cellW(), letter.barH() - 16);
                assertEquals(many.get(cell).code(), Barcodes.read(region, false), "cell " + cell);
            }
            // Every dot of ink lies on a label, clear of its edge by 0.05 in (die-cut tolerance, rounded corners)
            int inset = 10;
            for (int y = 0; y < img.getHeight(); y++)
                for (int x = 0; x < img.getWidth(); x++) {
                    if ((img.getRGB(x, y) & 0xFF) >= 128) continue;
                    boolean onALabel = false;
                    for (int cell = 0; cell < letter.perPage() && !onALabel; cell++)
                        onALabel = x >= letter.x(cell) + inset && x < letter.x(cell) + letter.cellW() - inset
                                && y >= letter.y(cell) + inset && y < letter.y(cell) + letter.cellH() - inset;
                    assertTrue(onALabel, "ink off the labels at " + x + "," + y);
                }
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Glowlab Night Cream") && text.contains("TOTE-0026") && text.contains("STAGE-LANE-NORTH-000000000000012"), text);
        }
    }
}
