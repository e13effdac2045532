package io.surgewms.labels;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

/**
 * A ZPL text field drawn as a picture, for a printer whose fonts lack the script (Cyrillic, Greek, CJK on a
 * Zebra's font 0): the same block the template gives the field ({@code ^A0N,h,w^FBblock,lines,0,align}), the
 * same rules (wrap into the block's lines, shrink to 85 %, then cut with "..."). Latin, Greek and Cyrillic are
 * DejaVu Sans Bold at 80 % width, as condensed as font 0 and as wide as {@link ZplFit} estimates; CJK is a full em.
 */
final class TextGraphic {
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final float CONDENSED = 0.8f;

    private TextGraphic() {}

    /**
     * @param h     the field's character height in printer dots; @param w its character width (the em of the picture)
     * @param block the block's width in dots; @param lines its lines; @param align L, C, R (J is drawn as L)
     */
    static BufferedImage draw(String text, int h, int w, int block, int lines, char align) {
        return draw(text, h, w, block, lines, align, RasterFonts.get());
    }

    static BufferedImage draw(String text, int h, int w, int block, int lines, char align, RasterFonts fonts) {
        if (fonts.cjk == null && text.codePoints().anyMatch(ZplFit::wide)) text = fonts.cjkMissing;
        final String shown = text;
        List<String> rows = new ArrayList<>();
        rows.add(shown);
        for (int i = 1; i < lines; i++) rows.add(null);
        if (lines > 1) rows = LineWrap.wrap(rows, (i, t) -> layout(t, w, fonts).getAdvance() <= block);
        int used = 0;
        while (used < rows.size() && rows.get(used) != null) used++;
        int baseline = Math.round(w * 0.86f);
        BufferedImage img = new BufferedImage(block, Math.max(h, (used - 1) * h + Math.round(w * 1.12f)), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        for (int i = 0; i < used; i++) {
            TextLayout l = fit(rows.get(i), w, block, fonts);
            float x = switch (align) {
                case 'R' -> block - l.getAdvance();
                case 'C' -> (block - l.getAdvance()) / 2;
                default -> 0;
            };
            l.draw(g, Math.max(0, x), i * h + baseline);
        }
        g.dispose();
        return img;
    }

    /** One line inside the block: as it is, else smaller (to 85 %), else cut at 85 % and ended with "...". */
    private static TextLayout fit(String s, int w, int block, RasterFonts fonts) {
        TextLayout l = layout(s, w, fonts);
        if (l.getAdvance() <= block) return l;
        float size = Math.max(w * ZplFit.MIN_SCALE, w * block / l.getAdvance() * 0.999f);
        l = layout(s, size, fonts);
        if (l.getAdvance() <= block) return l;
        size = w * ZplFit.MIN_SCALE;
        int end = s.length();
        while (end > 1) {
            end = s.offsetByCodePoints(end, -1);
            l = layout(s.substring(0, end).stripTrailing() + "...", size, fonts);
            if (l.getAdvance() <= block) return l;
        }
        return l;
    }

    /** The text in runs of the font that has its glyphs; a character neither has prints as '?'. */
    static TextLayout layout(String s, float size, RasterFonts fonts) {
        Font latin = fonts.latin.deriveFont(size).deriveFont(AffineTransform.getScaleInstance(CONDENSED, 1));
        Font cjk = fonts.cjk == null ? null : fonts.cjk.deriveFont(Font.BOLD, size);
        StringBuilder sb = new StringBuilder(s.length());
        List<Font> runFonts = new ArrayList<>();
        s.codePoints().forEach(cp -> {
            Font f = latin.canDisplay(cp) ? latin : cjk != null && cjk.canDisplay(cp) ? cjk : null;
            if (f == null) { f = latin; cp = '?'; }
            int start = sb.length();
            sb.appendCodePoint(cp);
            for (int i = start; i < sb.length(); i++) runFonts.add(f);
        });
        if (sb.isEmpty()) sb.append(' ');
        AttributedString a = new AttributedString(sb.toString());
        a.addAttribute(TextAttribute.FONT, latin);
        for (int i = 0; i < runFonts.size(); ) {
            int j = i;
            while (j < runFonts.size() && runFonts.get(j) == runFonts.get(i)) j++;
            a.addAttribute(TextAttribute.FONT, runFonts.get(i), i, j);
            i = j;
        }
        return new TextLayout(a.getIterator(), FRC);
    }
}
