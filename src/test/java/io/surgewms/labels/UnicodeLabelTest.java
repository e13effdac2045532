package io.surgewms.labels;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cyrillic, Greek and CJK addresses on ZPL printers: in the printer's Unicode font, or drawn as pictures. */
class UnicodeLabelTest {

    final ZplLabelRenderer renderer = new ZplLabelRenderer(LabelTemplates.builtIn());
    static final PrinterFonts ANDALE = PrinterFonts.of("E:ANMDJ.TTF");

    @Test
    void shall_map_the_printers_unicode_font_and_print_the_fields_font_0_lacks_in_it() {
        ShippingLabel.Address to = SampleLabels.moscow();
        String zpl = renderer.render(SampleLabels.to(to), 203, ANDALE);
        assertTrue(zpl.contains("^XA\n^CI28\n^CW1,E:ANMDJ.TTF\n^PW812\n"), zpl);
        assertEquals(1, count(zpl, "^CW"));
        // The same blocks and sizes, font 1 (the mapped TrueType font), UTF-8 as ^FH hex under ^CI28
        assertTrue(zpl.contains("^FO30,224^A1N,48,44^FB752,1,0,L,0^FH^FD" + ZplTemplate.escape(to.name()) + "^FS\n"), zpl);
        assertTrue(zpl.contains("^FH^FD_D0_98_D0_B2_D0_B0_D0_BD "), "Иван as UTF-8 bytes");
        assertTrue(zpl.contains("^FO30,276^A1N,34,32^FB752,1,0,L,0^FH^FD" + ZplTemplate.escape(to.company()) + "^FS\n"));
        assertTrue(zpl.contains("^FO30,314^A1N,36,34^FB752,1,0,L,0^FH^FD" + ZplTemplate.escape(to.lines().get(0)) + "^FS\n"));
        assertTrue(zpl.contains("^FO30,430^A1N,42,40^FB752,1,0,L,0^FH^FD125009 _D0_9C_D0_BE_D1_81_D0_BA_D0_B2_D0_B0^FS\n"), zpl);
        // Fields font 0 prints stay in font 0: the carrier, the order, the sender
        assertTrue(zpl.contains("^A0N,30,28^FB520,1,0,L,0^FH^FDOrder SO-2026-000123^FS"));
        assertTrue(zpl.contains("^FO30,50^A0N,26,26^FB480,1,0,L,0^FH^FDSurge Fulfilment GmbH^FS"));
        assertFalse(zpl.contains("^GFA"), "no pictures on a printer with the font");
        assertTrue(zpl.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)), "plain ASCII on the wire");
        // At 300 dpi the font sizes scale like everything else
        assertTrue(renderer.render(SampleLabels.to(to), 300, ANDALE).contains("^FO44,331^A1N,71,65^FB1111,1,0,L,0^FH^FD_D0_98"));
        // A Latin label on the same printer is byte for byte what it was, plus the mapping
        assertEquals(renderer.render(SampleLabels.ordinary(), 203).replace("^CI28\n", "^CI28\n^CW1,E:ANMDJ.TTF\n"),
                renderer.render(SampleLabels.ordinary(), 203, ANDALE));
    }

    @Test
    void shall_accept_only_a_font_file_name_as_the_printers_unicode_font() {
        assertEquals(PrinterFonts.NONE, PrinterFonts.of(" "));
        assertEquals("E:ANMDJ.TTF", PrinterFonts.of("e:anmdj.ttf").unicodeFont());
        assertThrows(IllegalArgumentException.class, () -> PrinterFonts.of("E:X.TTF^XZ^XA"));
        assertThrows(IllegalArgumentException.class, () -> PrinterFonts.of("ANMDJ.TTF"));
        assertNotNull(PrinterFonts.problemWith("R:../x.TTF"));
    }

    @Test
    void shall_draw_cyrillic_greek_and_cjk_fields_as_pictures_in_their_blocks() throws Exception {
        Path out = Path.of("target/labels");
        Files.createDirectories(out);
        record Case(String file, ShippingLabel.Address to) {}
        for (Case c : new Case[] {new Case("zpl-cyrillic", SampleLabels.moscow()), new Case("zpl-greek", SampleLabels.athens()),
                new Case("zpl-japanese", SampleLabels.tokyo()), new Case("zpl-chinese", SampleLabels.shanghai())}) {
            String zpl = renderer.render(SampleLabels.to(c.to()), 203);
            assertFalse(zpl.contains("^CW"), "no font mapping without a Unicode font");
            assertFalse(zpl.contains("^FD" + ZplTemplate.escape(c.to().name())), "the name goes as a picture, not as text");
            assertTrue(zpl.contains("^FO30,224^GFA,"), c.file() + ": the name's picture where its block starts\n" + zpl);
            assertTrue(zpl.contains("^FO30,314^GFA,"), c.file() + ": first street line");
            assertTrue(zpl.contains("^FH^FDOrder SO-2026-000123^FS"), "Latin fields stay text");
            BufferedImage img = ZplGraphicReader.render(zpl, 812, 1218);
            ImageIO.write(img, "png", out.resolve(c.file() + ".png").toFile());
            assertTrue(ink(img, 30, 224, 752, 48) > 400, c.file() + ": ink in the name block");
            assertTrue(ink(img, 30, 314, 752, 36) > 300, c.file() + ": ink in the first street line");
            assertTrue(ink(img, 30, 430, 752, 42) > 200, c.file() + ": ink in the city line");
            assertEquals(0, ink(img, 30, 536, 520, 140), c.file() + ": the order block is text, not a picture");
            assertEquals(0, ink(img, 30 + 500, 224, 250, 48), c.file() + ": a short name stays at the left of its block");
        }
    }

    @Test
    void shall_draw_cjk_glyphs_not_question_marks_and_say_so_when_the_font_is_missing() throws Exception {
        RasterFonts fonts = RasterFonts.get();
        assertNotNull(fonts.cjk, "no CJK font on this machine: apt-get install -y " + RasterFonts.CJK_PACKAGE);
        BufferedImage tokyo = TextGraphic.draw("東京都渋谷区", 38, 36, 752, 1, 'L', fonts);
        assertFalse(same(tokyo, TextGraphic.draw("??????", 38, 36, 752, 1, 'L', fonts)), "ideographs, not '?'");
        // No CJK font: the field says what to install instead of printing boxes
        RasterFonts none = RasterFonts.load("/nonexistent/cjk.ttc");
        assertEquals("NO CJK FONT: apt-get install fonts-wqy-microhei", none.cjkMissing);
        BufferedImage missing = TextGraphic.draw("東京都渋谷区", 38, 36, 752, 1, 'L', none);
        ImageIO.write(missing, "png", Path.of("target/labels/zpl-cjk-font-missing.png").toFile());
        assertTrue(same(missing, TextGraphic.draw(none.cjkMissing, 38, 36, 752, 1, 'L', none)));
        assertTrue(ink(missing, 0, 0, 752, 38) > 300);
    }

    @Test
    void shall_shrink_then_cut_a_picture_that_is_too_long_for_its_block() {
        RasterFonts fonts = RasterFonts.get();
        String longName = "Александра Константиновна Достоевская-Римская-Корсакова";
        float fullWidth = TextGraphic.layout(longName, 44, fonts).getAdvance();
        assertTrue(fullWidth > 752, "the test name is too long for the block: " + fullWidth);
        BufferedImage img = TextGraphic.draw(longName, 48, 44, 752, 1, 'L', fonts);
        assertEquals(752, img.getWidth(), "never wider than its block");
        assertTrue(ink(img, 700, 0, 52, img.getHeight()) > 0, "the block is used to its end");
    }

    @Test
    void shall_read_a_gray_text_picture_dot_for_dot_like_a_colour_one() {
        // The gray fast path of ZplGraphic.dots must give what getRGB gives for black and white
        BufferedImage gray = TextGraphic.draw("Иван 東京 Ελλάδα", 38, 36, 300, 1, 'L');
        BufferedImage rgb = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_INT_RGB);
        BufferedImage bw = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < gray.getHeight(); y++)
            for (int x = 0; x < gray.getWidth(); x++) {
                boolean dark = (gray.getRaster().getSample(x, y, 0)) < 128;
                rgb.setRGB(x, y, dark ? 0xff000000 : 0xffffffff);
                bw.getRaster().setSample(x, y, 0, dark ? 0 : 255);
            }
        assertTrue(java.util.Arrays.equals(ZplGraphic.dots(rgb), ZplGraphic.dots(bw)));
        assertTrue(java.util.Arrays.equals(ZplGraphic.dots(gray), ZplGraphic.dots(bw)), "a sample darker than half is a dot");
        assertTrue(ink(gray, 0, 0, 300, 38) > 300);
    }

    static int ink(BufferedImage img, int x, int y, int w, int h) {
        int n = 0;
        for (int r = y; r < Math.min(img.getHeight(), y + h); r++)
            for (int col = x; col < Math.min(img.getWidth(), x + w); col++) if ((img.getRGB(col, r) & 0xFF) < 128) n++;
        return n;
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return false;
        for (int y = 0; y < a.getHeight(); y++)
            for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
        return true;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
