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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packing slip on A4 and on US Letter: nothing past the page's margins, every line listed. */
class PackingSlipTest {

    static final String STREET = "Hauptstraße 123, Hinterhaus, 3. Obergeschoss links, bei Familie Müller-Lüdenscheidt, "
            + "Eingang über den Hof neben der Bäckerei";

    static PackingSlip slip(int lines) {
        List<PackingSlip.Line> items = new ArrayList<>();
        // Every tenth line with a SKU and a name far wider than their columns
        for (int i = 1; i <= lines; i++)
            items.add(i % 10 == 0 ? new PackingSlip.Line("SKU-" + "W".repeat(40) + i, "Glowlab Night Cream 50 ml, Lavendel & Łąka, "
                    + "W".repeat(60) + " edition " + i, 99) : new PackingSlip.Line("SKU-" + i, "Night Cream " + i, i % 7 + 1));
        return new PackingSlip("Glowlab Cosmetics with a very long shop name that would run past the right edge of the page",
                "SO-2026-000123", "2026-12-07", new ShippingLabel.Address("Karl Müller-Lüdenscheidt", "Lüdenscheidt Bürobedarf GmbH",
                List.of(STREET, "Klingel 4"), "Lüdenscheid", null, "58507", "DE"), items);
    }

    @Test
    void shall_print_the_slip_on_a4_and_letter_within_the_page() throws Exception {
        Path out = Path.of("target/labels");
        Files.createDirectories(out);
        for (Paper paper : Paper.values()) {
            byte[] pdf = slip(70).render(paper);
            Files.write(out.resolve("packing-slip-" + paper.name().toLowerCase() + ".pdf"), pdf);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertEquals(paper.page().getWidth(), doc.getPage(0).getMediaBox().getWidth(), 0.01f);
                assertEquals(paper.page().getHeight(), doc.getPage(0).getMediaBox().getHeight(), 0.01f);
                assertEquals(3, doc.getNumberOfPages(), paper + ": 70 lines with the header repeated on each page");
                for (int p = 0; p < doc.getNumberOfPages(); p++) {
                    BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(p, 100, ImageType.GRAY);
                    ImageIO.write(img, "png", out.resolve("packing-slip-" + paper.name().toLowerCase() + "-" + (p + 1) + ".png").toFile());
                    // Office printers cannot print the outer ~0.2 in: nothing within 0.35 in (35 dots at 100 dpi) of an edge
                    assertEquals(0, ink(img, 0, 0, img.getWidth(), 35), paper + " page " + (p + 1) + " top");
                    assertEquals(0, ink(img, 0, img.getHeight() - 35, img.getWidth(), 35), paper + " page " + (p + 1) + " bottom");
                    assertEquals(0, ink(img, 0, 0, 35, img.getHeight()), paper + " page " + (p + 1) + " left");
                    assertEquals(0, ink(img, img.getWidth() - 35, 0, 35, img.getHeight()), paper + " page " + (p + 1) + " right");
                }
                String text = new PDFTextStripper().getText(doc);
                for (int i = 1; i <= 70; i++)
                    assertTrue(i % 10 == 0 ? text.contains("SKU-WWW") : text.contains("SKU-" + i + " Night Cream " + i + " "), "line " + i);
                assertEquals(7, text.lines().filter(l -> l.startsWith("SKU-WWW") && l.contains("…") && l.endsWith(" 99")).count(),
                        "a SKU or name too wide for its column is cut there, the quantity still shows");
                assertTrue(text.contains("page 3 of 3"));
                assertTrue(text.contains("Lüdenscheidt Bürobedarf GmbH"), "the company under the name");
                assertTrue(text.replace("\n", " ").contains(STREET), "a long street wraps, whole: " + text);
                assertFalse(text.lines().anyMatch(l -> l.contains(STREET)), "on more than one line");
            }
        }
    }

    @Test
    void shall_read_the_paper_by_name() {
        assertEquals(Paper.LETTER, Paper.of("letter"));
        assertEquals(Paper.A4, Paper.of(" A4 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Paper.of("A5"));
        assertTrue(e.getMessage().contains("A4 or LETTER"), e.getMessage());
    }

    static int ink(BufferedImage img, int x, int y, int w, int h) {
        int n = 0;
        for (int r = y; r < y + h; r++)
            for (int c = x; c < x + w; c++) if ((img.getRGB(c, r) & 0xFF) < 160) n++;
        return n;
    }
}
