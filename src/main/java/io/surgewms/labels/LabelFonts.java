package io.surgewms.labels;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The embedded label fonts (DejaVu Sans, licence in {@code fonts/DejaVu-LICENSE.txt}): they cover
 * Latin, Greek and Cyrillic addresses, which the standard-14 PDF fonts do not ('Ł' throws there).
 * Parsing a TrueType file costs more than drawing a label, so parsed fonts are kept and lent out.
 * A parsed font reads its tables lazily from a shared buffer and is not thread-safe, hence a small
 * pool rather than one instance: it grows only to the number of labels rendered at the same time.
 */
final class LabelFonts {
    private static final byte[] REGULAR = read("/fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = read("/fonts/DejaVuSans-Bold.ttf");
    private static final ConcurrentLinkedQueue<Pair> POOL = new ConcurrentLinkedQueue<>();

    /** One regular and one bold face with their Unicode cmaps (to test for a glyph cheaply), used by one thread at a time. */
    record Pair(TrueTypeFont regular, TrueTypeFont bold, CmapLookup regularCmap, CmapLookup boldCmap) {
        Pair(TrueTypeFont regular, TrueTypeFont bold) throws IOException {
            this(regular, bold, regular.getUnicodeCmapLookup(), bold.getUnicodeCmapLookup());
        }
    }

    private LabelFonts() {}

    /** The bold face's file, for Java2D (text drawn as a picture for a printer without the glyphs). */
    static byte[] boldFile() {
        return BOLD;
    }

    static Pair borrow() {
        Pair p = POOL.poll();
        if (p != null) return p;
        try {
            return new Pair(parse(REGULAR), parse(BOLD));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the label font's cmap", e);
        }
    }

    /** Give back only after the document is saved: subsetting at save time still reads the font. */
    static void giveBack(Pair p) {
        POOL.offer(p);
    }

    /**
     * Advance widths of the bold face in em, for code points below {@code limit}; a code point the font lacks
     * gets the widest advance seen, so an estimate made from the table never comes out too narrow.
     */
    static float[] boldAdvances(int limit) {
        try {
            TrueTypeFont font = parse(BOLD);
            CmapLookup cmap = font.getUnicodeCmapLookup();
            float em = font.getHeader().getUnitsPerEm();
            float[] out = new float[limit];
            float widest = 0;
            for (int cp = 0x20; cp < limit; cp++) {
                int gid = cmap.getGlyphId(cp);
                out[cp] = gid == 0 ? -1 : font.getAdvanceWidth(gid) / em;
                widest = Math.max(widest, out[cp]);
            }
            for (int cp = 0; cp < limit; cp++) if (out[cp] <= 0) out[cp] = widest;
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the label font's widths", e);
        }
    }

    private static TrueTypeFont parse(byte[] bytes) {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse label font", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = LabelFonts.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("label font missing from the classpath: " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
