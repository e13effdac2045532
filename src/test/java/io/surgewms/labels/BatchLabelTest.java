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
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(2, doc.getNumberOfPages(), "27 labels: 24 on the first A4 page, 3 on the second");
            BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.BINARY);
            ImageIO.write(img, "png", out.resolve("batch-sheet.png").toFile());
            // Each cell read alone, as a hand scanner aimed at one label would
            for (int cell = 0; cell < MIXED.size(); cell++) {
                int x = (cell % BatchLabelSheet.COLUMNS) * BatchLabelSheet.CELL_W;
                int y = BatchLabelSheet.TOP + (cell / BatchLabelSheet.COLUMNS) * BatchLabelSheet.CELL_H + BatchLabelSheet.BAR_Y + 10;
                BufferedImage region = img.getSubimage(x, y, BatchLabelSheet.CELL_W, BatchLabelSheet.BAR_H - 20);
                assertEquals(MIXED.get(cell).code(), Barcodes.read(region, false), "cell " + cell);
            }
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Zofia Łukasiewicz") && text.contains("TOTE-0022"), text);
            assertTrue(text.contains("STAGE-LANE-NORTH-000000000000012"), "a long code shrinks, it is never cut");
        }
    }
}
