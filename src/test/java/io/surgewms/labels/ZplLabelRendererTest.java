package io.surgewms.labels;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZplLabelRendererTest {

    final ZplLabelRenderer renderer = new ZplLabelRenderer(LabelTemplates.builtIn());

    @Test
    void shall_print_one_label_with_all_fields() throws Exception {
        String zpl = renderer.render(SampleLabels.ordinary(), 203);
        assertTrue(zpl.startsWith("^XA\n"), zpl);
        assertTrue(zpl.strip().endsWith("^XZ"));
        assertEquals(1, count(zpl, "^XA"));
        assertTrue(zpl.contains("^CI28"));
        assertTrue(zpl.contains("^BCN,140,N,N,N,A^FH^FD" + SampleLabels.TRACKING + "^FS"), "Code 128 tracking");
        assertTrue(zpl.contains("^FD>;>800" + SampleLabels.SSCC + "^FS"), "GS1-128 SSCC with FNC1 and AI 00");
        assertTrue(zpl.contains("^FD(00) 1 0614141 123456789 7^FS"));
        assertTrue(zpl.contains("^BQN,2,4^FH^FDQA,https://track.example/1Z999AA10123456784^FS"));
        assertTrue(zpl.contains("^FH^FDDHL^FS"));
        assertTrue(zpl.contains("^FDOrder SO-2026-000123^FS"));
        assertTrue(zpl.contains("^FDParcel 1 of 2^FS"));
        assertTrue(zpl.contains("^FDWeight 1.25 kg^FS"));
        // Non-ASCII goes as UTF-8 hex bytes: 'Ł' = C5 81, 'ó' = C3 B3, 'ź' = C5 BA
        assertTrue(zpl.contains("^FD90-004 _C5_81_C3_B3d_C5_BA _C5_82_C3_B3dzkie^FS"), zpl);
        assertTrue(zpl.contains("Zofia M_C3_BCller-_C5_81ukasiewicz"));
        assertFalse(zpl.contains("${") || zpl.contains("#{") || zpl.contains("^FX"));
        assertTrue(zpl.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)), "plain ASCII on the wire");
        Files.createDirectories(Path.of("target/labels"));
        Files.writeString(Path.of("target/labels/shipping-label-203.zpl"), zpl);
    }

    @Test
    void shall_escape_commands_hidden_in_an_address() {
        String zpl = renderer.render(SampleLabels.hostile(), 203);
        assertEquals(1, count(zpl, "^XA"));
        assertEquals(1, count(zpl, "^XZ"));
        assertFalse(zpl.contains("~JR"));
        assertTrue(zpl.contains("^FDEve _5EXZ_5EXA_7EJR^FS"), zpl);
        assertTrue(zpl.contains("^FD_5EFO0,0_5EGB812,1218,812_5EFS^FS"));
        assertTrue(zpl.contains("^FDunder_5Fscore _7E_7E street^FS"));
        assertTrue(zpl.contains("^FDOrder SO-_5E-1^FS"));
        // No shop, no third address line, no 2D code: those lines are left out, not printed empty
        assertFalse(zpl.contains("^BQ"));
        assertFalse(zpl.contains("Shop"));
        // every ^ and ~ left is one the template wrote: each line is a sequence of known commands
        for (String line : zpl.split("\n")) assertFalse(line.contains("~"), line);
    }

    @Test
    void shall_size_the_label_for_the_printer_resolution() {
        String at203 = renderer.render(SampleLabels.ordinary(), 203);
        String at300 = renderer.render(SampleLabels.ordinary(), 300);
        assertTrue(at203.contains("^PW812\n") && at203.contains("^LL1218\n"));
        assertTrue(at300.contains("^PW1200\n") && at300.contains("^LL1800\n"));
        assertTrue(at203.contains("^BY2,3,140") && at300.contains("^BY3,3,207"));
        assertTrue(at203.contains("^BY4,3,170") && at300.contains("^BY6,3,251"));
        assertTrue(at300.contains("^BQN,2,6"));
        assertTrue(at203.contains("^FO0,176^GB812,4,4^FS") && at300.contains("^FO0,260^GB1200,6,6^FS"), at300);
        assertEquals(1200, ZplTemplate.dots(812, 300));
        assertThrows(IllegalArgumentException.class, () -> renderer.render(SampleLabels.ordinary(), 150));
    }

    @Test
    void shall_prefer_a_site_edited_template_and_reject_unknown_placeholders(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ZplLabelRenderer.SHIPPING_TEMPLATE), "^XA\n^FO#{10},#{10}^FH^FD${carrier}^FS\n^XZ\n");
        assertEquals("^XA\n^FO15,15^FH^FDDHL^FS\n^XZ\n", new ZplLabelRenderer(new LabelTemplates(dir)).render(SampleLabels.ordinary(), 300));
        ZplTemplate typo = new ZplTemplate("typo", "^XA\n^FD${shiptoName}^FS\n^XZ");
        assertThrows(IllegalArgumentException.class, () -> typo.render(Map.of("shipToName", "x"), 203));
    }

    @Test
    void shall_never_read_placeholders_inside_a_value() {
        // Only the template is parsed: a value that looks like a length or a name stays text
        ZplTemplate t = new ZplTemplate("t", "^FO#{10},#{10}^FH^FD${a}^FS");
        assertEquals("^FO15,15^FH^FD#{812} ${a}^FS\n", t.render(Map.of("a", "#{812} ${a}"), 300));
    }

    @Test
    void shall_shrink_then_cut_a_long_name_so_it_never_overprints_its_block() {
        ShippingLabel l = SampleLabels.ordinary();
        String longName = "Maximiliane Alexandrina von Hohenzollern-Sigmaringen und Wittelsbach";
        ShippingLabel.Address to = l.shipTo();
        ShippingLabel wide = new ShippingLabel(l.shipFrom(), new ShippingLabel.Address(longName, to.lines(), to.city(), to.region(),
                to.postalCode(), to.country()), l.carrier(), l.service(), l.trackingNumber(), l.orderReference(),
                l.shop(), l.sscc(), l.ssccPrefixLength(), l.weightGrams(), l.parcelNumber(), l.parcelCount(), l.twoDPayload());
        String zpl = renderer.render(wide, 203);
        String line = zpl.lines().filter(x -> x.contains("^FDMaximiliane")).findFirst().orElseThrow();
        // The font went down to 85 % (44 x 0.85 = 37 dots wide) and the name ends in "..." inside the 752-dot block
        assertTrue(line.startsWith("^FO30,224^A0N,41,37^FB752,1,0,L,0^FH^FD"), line);
        String printed = line.substring(line.indexOf("^FD") + 3, line.indexOf("^FS"));
        assertTrue(printed.endsWith("...") && longName.startsWith(printed.substring(0, printed.length() - 3)), printed);
        assertTrue(ZplFit.width(printed) * 37 <= 752, "estimated width within the block");
        // A name that fits keeps the template's size
        assertTrue(renderer.render(SampleLabels.ordinary(), 203).contains("^FO30,224^A0N,48,44^FB752,1,0,L,0^FH^FDZofia"));
        // Slightly too long: shrinks, not cut
        StringBuilder name = new StringBuilder("Zofia Muller");
        while (ZplFit.width(name.toString()) * 44 <= 752) name.append('a');
        ZplFit.Fitted shrunk = ZplFit.fit(name.toString(), 44, 752);
        assertEquals(name.toString(), shrunk.text());
        assertTrue(shrunk.scale() < 1 && shrunk.scale() >= ZplFit.MIN_SCALE, "scale " + shrunk.scale());
    }

    @Test
    void shall_print_the_ship_to_company_under_the_name_in_zpl_and_pdf() throws Exception {
        ShippingLabel.Address to = SampleLabels.ordinary().shipTo();
        ShippingLabel office = SampleLabels.to(new ShippingLabel.Address(to.name(), "Łódzka Spółdzielnia Mleczarska", to.lines(),
                to.city(), to.region(), to.postalCode(), to.country()));
        String zpl = renderer.render(office, 203);
        assertTrue(zpl.contains("^FO30,224^A0N,48,44^FB752,1,0,L,0^FH^FDZofia M_C3_BCller-_C5_81ukasiewicz^FS\n"
                + "^FO30,276^A0N,34,32^FB752,1,0,L,0^FH^FD_C5_81_C3_B3dzka Sp_C3_B3_C5_82dzielnia Mleczarska^FS\n"
                + "^FO30,314^A0N,36,34^FB752,1,0,L,0^FH^FDul. Piotrkowska 104/12^FS\n"), zpl);
        // No company: the line is left out, not printed empty
        assertFalse(renderer.render(SampleLabels.ordinary(), 203).contains("^FO30,276^"));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(new PdfLabelRenderer().render(office))) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("Zofia Müller-Łukasiewicz\nŁódzka Spółdzielnia Mleczarska\nul. Piotrkowska 104/12"), text);
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
