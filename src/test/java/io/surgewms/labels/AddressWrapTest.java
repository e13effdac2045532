package io.surgewms.labels;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A street line too long for its field wraps into the free line below before anything is cut; the company prints. */
class AddressWrapTest {

    static final String STREET = "Hauptstraße 123, Hinterhaus, 3. Obergeschoss links, bei Familie Müller-Lüdenscheidt";
    static final ShippingLabel.Address LONG_STREET = new ShippingLabel.Address("Karl Müller-Lüdenscheidt", "Lüdenscheidt Bürobedarf GmbH",
            List.of(STREET, "Klingel 4"), "Lüdenscheid", null, "58507", "Germany");

    final ZplLabelRenderer zpl = new ZplLabelRenderer(LabelTemplates.builtIn());
    final PdfLabelRenderer pdf = new PdfLabelRenderer();

    @Test
    void shall_wrap_a_long_zpl_street_line_into_the_free_line_before_cutting() {
        String label = zpl.render(SampleLabels.to(LONG_STREET), 203);
        String line1 = field(label, "^FO30,314^"), line2 = field(label, "^FO30,352^"), line3 = field(label, "^FO30,390^");
        assertEquals(STREET, line1 + " " + line2, "nothing lost:\n" + label);
        assertEquals("Klingel 4", line3, "the second street line moved down");
        assertTrue(label.contains("^FO30,314^A0N,36,34^"), "the first part fits at the template's size");
        assertTrue(ZplFit.width(line1) * 34 <= 752, "the first part fits its block: " + line1);
        assertFalse(label.contains("..."), "nothing cut");
        assertEquals("Lüdenscheidt Bürobedarf GmbH", field(label, "^FO30,276^"), "the company under the name");
        // No company: its line is left out
        assertFalse(zpl.render(SampleLabels.ordinary(), 203).contains("^FO30,276^"));
    }

    @Test
    void shall_cut_a_zpl_street_line_only_when_every_line_is_used() {
        ShippingLabel.Address full = new ShippingLabel.Address("Karl", List.of(STREET, "Klingel 4", "Hof"), "Lüdenscheid", null, "58507", "DE");
        String label = zpl.render(SampleLabels.to(full), 203);
        String line1 = field(label, "^FO30,314^");
        assertTrue(line1.endsWith("...") && STREET.startsWith(line1.substring(0, line1.length() - 3)), line1);
        assertTrue(label.contains("^FO30,314^A0N,31,29^"), "shrunk to 85 % before the cut");
        assertEquals("Klingel 4", field(label, "^FO30,352^"));
        assertEquals("Hof", field(label, "^FO30,390^"));
    }

    @Test
    void shall_wrap_and_cut_the_pdf_street_lines_the_same_way() throws Exception {
        byte[] wrapped = pdf.render(SampleLabels.to(LONG_STREET));
        Path out = Path.of("target/labels");
        Files.createDirectories(out);
        try (PDDocument doc = Loader.loadPDF(wrapped)) {
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.BINARY), "png", out.resolve("pdf-wrapped-street.png").toFile());
            List<String> lines = new PDFTextStripper().getText(doc).lines().map(String::strip).toList();
            int at = lines.indexOf("Lüdenscheidt Bürobedarf GmbH");
            assertTrue(at > 0 && lines.get(at - 1).equals("Karl Müller-Lüdenscheidt"), "company under the name: " + lines);
            assertEquals(STREET, lines.get(at + 1) + " " + lines.get(at + 2), lines.toString());
            assertEquals("Klingel 4", lines.get(at + 3));
            assertFalse(String.join("\n", lines).contains("…"), "nothing cut");
        }
        ShippingLabel.Address full = new ShippingLabel.Address("Karl", List.of(STREET, "Klingel 4", "Hof"), "Lüdenscheid", null, "58507", "DE");
        try (PDDocument doc = Loader.loadPDF(pdf.render(SampleLabels.to(full)))) {
            List<String> lines = new PDFTextStripper().getText(doc).lines().map(String::strip).toList();
            int at = lines.indexOf("Karl");
            assertTrue(lines.get(at + 1).endsWith("…") && STREET.startsWith(lines.get(at + 1).replace("…", "")), lines.toString());
            assertEquals(List.of("Klingel 4", "Hof"), lines.subList(at + 2, at + 4));
        }
    }

    @Test
    void shall_wrap_at_word_boundaries_and_between_ideographs() {
        List<String> three = Arrays.asList("one two three four five six", "seven", null);
        assertEquals(Arrays.asList("one two three", "four five six", "seven"), LineWrap.wrap(three, (i, t) -> t.length() <= 14));
        // No free line: unchanged, the renderer shrinks and cuts
        List<String> full = List.of("one two three four five six", "seven", "eight");
        assertEquals(full, LineWrap.wrap(full, (i, t) -> t.length() <= 14));
        List<String> cjk = LineWrap.wrap(Arrays.asList("浦东新区世纪大道100号环球金融中心25楼", null), (i, t) -> t.length() <= 10);
        assertEquals("浦东新区世纪大道", cjk.get(0));
        assertEquals("100号环球金融中心25楼", cjk.get(1));
        // A single word longer than the line breaks inside it rather than lose the rest
        assertEquals(Arrays.asList("Donaudampfs", "chiff"), LineWrap.wrap(Arrays.asList("Donaudampfschiff", null), (i, t) -> t.length() <= 11));
        assertNull(LineWrap.wrap(Arrays.asList("short", null), (i, t) -> true).get(1));
    }

    /** The text of the ZPL field that starts with this origin, its ^FH hex decoded. */
    static String field(String zpl, String origin) {
        String line = zpl.lines().filter(l -> l.startsWith(origin)).findFirst().orElseThrow(() -> new AssertionError("no field " + origin + "\n" + zpl));
        String hex = line.substring(line.indexOf("^FD") + 3, line.lastIndexOf("^FS"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < hex.length(); i++) {
            if (hex.charAt(i) == '_') { bytes.write(Integer.parseInt(hex.substring(i + 1, i + 3), 16)); i += 2; }
            else bytes.write(hex.charAt(i));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
