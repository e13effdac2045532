package io.surgewms.labels;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;

/**
 * Draws what a printer would print of a label's graphic fields ({@code ^FOx,y^GFA...:Z64:...}) onto a white
 * page: how a test looks at a label that reaches the printer as pictures (a converted PDF, text drawn as a
 * graphic) and reads its barcodes back with ZXing. Only ^FO + ^GFA with Z64 data; text commands are ignored.
 */
public final class ZplGraphicReader {

    private static final Pattern FIELD = Pattern.compile("\\^FO(\\d+),(\\d+)\\^GFA,(\\d+),(\\d+),(\\d+),:Z64:([A-Za-z0-9+/=]+):([0-9a-fA-F]{4})");

    private ZplGraphicReader() {}

    public static BufferedImage render(String zpl, int widthDots, int heightDots) {
        BufferedImage page = new BufferedImage(widthDots, heightDots, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, widthDots, heightDots);
        g.dispose();
        Matcher m = FIELD.matcher(zpl);
        int fields = 0;
        while (m.find()) {
            fields++;
            int x0 = Integer.parseInt(m.group(1)), y0 = Integer.parseInt(m.group(2));
            int total = Integer.parseInt(m.group(3)), row = Integer.parseInt(m.group(5));
            if (!ZplGraphic.crc16(m.group(6)).equalsIgnoreCase(m.group(7))) throw new IllegalArgumentException("graphic field CRC does not match");
            byte[] dots = inflate(Base64.getDecoder().decode(m.group(6)), total);
            for (int y = 0; y < total / row; y++)
                for (int x = 0; x < row * 8; x++)
                    if ((dots[y * row + (x >> 3)] & (0x80 >>> (x & 7))) != 0 && x0 + x < widthDots && y0 + y < heightDots)
                        page.setRGB(x0 + x, y0 + y, 0xff000000);
        }
        if (fields == 0) throw new IllegalArgumentException("no ^GFA Z64 graphic field in the label");
        return page;
    }

    private static byte[] inflate(byte[] z, int size) {
        try {
            Inflater inf = new Inflater();
            inf.setInput(z);
            ByteArrayOutputStream out = new ByteArrayOutputStream(size);
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                out.write(buf, 0, n);
            }
            inf.end();
            if (out.size() != size) throw new IllegalArgumentException("graphic field holds " + out.size() + " bytes, says " + size);
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("graphic field is not zlib data", e);
        }
    }
}
