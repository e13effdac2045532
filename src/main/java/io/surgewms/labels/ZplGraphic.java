package io.surgewms.labels;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * A black-and-white picture as a ZPL II graphic field ({@code ^GFA} with Z64 compression: zlib, then
 * Base64, then a CRC-16 of the Base64 text, as the ZPL II programming guide describes for ~DY/^GF):
 * how a label that came as a PDF (TikTok's shipping document) or text in a script the printer has no
 * font for reaches a thermal printer. One bit per printer dot, 1 = black, rows padded to whole bytes.
 */
public final class ZplGraphic {

    private ZplGraphic() {}

    /** The picture's dots: a pixel darker than half is black. */
    public static byte[] dots(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight(), row = (w + 7) / 8;
        byte[] packed = packedDots(img, row);
        if (packed != null) return packed;
        byte[] out = new byte[row * h];
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && img.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && img.getRaster().getParent() == null) {
            // Text drawn for a label: read the gray samples as they are; getRGB would convert every pixel to sRGB first
            // (most of the time of a text picture)
            byte[] gray = buffer.getData();
            for (int y = 0; y < h; y++)
                for (int x = 0, base = y * row, at = y * w; x < w; x++)
                    if ((gray[at + x] & 0xff) < 128) out[base + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
            return out;
        }
        int[] rgb = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, rgb, 0, w);
            int base = y * row;
            for (int x = 0; x < w; x++) {
                if (luma(rgb[x]) < 128) out[base + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
            }
        }
        return out;
    }

    /**
     * The dots of a whole 1-bit picture (a converted PDF page, 1 million pixels at 203 dpi) straight from its
     * bytes, which are already packed as ZPL wants them, rather than pixel by pixel: null for any other picture.
     * The palette says which bit value is black; bits past the width are left white.
     */
    private static byte[] packedDots(BufferedImage img, int row) {
        if (img.getType() != BufferedImage.TYPE_BYTE_BINARY || !(img.getColorModel() instanceof IndexColorModel palette)
                || palette.getMapSize() != 2 || !(img.getSampleModel() instanceof MultiPixelPackedSampleModel sm)) return null;
        WritableRaster raster = img.getRaster();
        if (sm.getPixelBitStride() != 1 || sm.getDataBitOffset() != 0 || sm.getScanlineStride() != row
                || raster.getParent() != null || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) return null;
        boolean zeroBlack = luma(palette.getRGB(0)) < 128, oneBlack = luma(palette.getRGB(1)) < 128;
        byte[] bits = ((DataBufferByte) raster.getDataBuffer()).getData();
        int h = img.getHeight(), tail = img.getWidth() % 8;
        byte lastMask = (byte) (tail == 0 ? 0xff : 0xff << (8 - tail));
        byte[] out = new byte[row * h];
        if (zeroBlack == oneBlack) {
            if (zeroBlack) Arrays.fill(out, (byte) 0xff);
        } else {
            int flip = zeroBlack ? 0xff : 0;
            for (int i = 0; i < out.length; i++) out[i] = (byte) (bits[i] ^ flip);
        }
        for (int y = 1; y <= h; y++) out[y * row - 1] &= lastMask;
        return out;
    }

    private static int luma(int p) {
        return (((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114) / 1000;
    }

    /** {@code ^GFA,total,total,bytesPerRow,:Z64:data:crc} for these dots (no ^FO/^FS around it). */
    public static String field(byte[] dots, int bytesPerRow) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(dots);
        deflater.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream(Math.max(64, dots.length / 8));
        byte[] buf = new byte[8192];
        while (!deflater.finished()) z.write(buf, 0, deflater.deflate(buf));
        deflater.end();
        String b64 = Base64.getEncoder().encodeToString(z.toByteArray());
        return "^GFA," + dots.length + "," + dots.length + "," + bytesPerRow + ",:Z64:" + b64 + ":" + crc16(b64);
    }

    /** The picture as a graphic field placed at (x, y) dots: {@code ^FOx,y^GFA,...^FS}. */
    public static String placed(BufferedImage img, int x, int y) {
        return "^FO" + x + "," + y + field(dots(img), (img.getWidth() + 7) / 8) + "^FS";
    }

    /** CRC-16/XMODEM (polynomial 0x1021, start 0) of the Base64 text, as four hex digits. */
    static String crc16(String text) {
        int crc = 0;
        // a byte at a time from a table: a 4 x 6 label is some 20 kB of Base64, and this runs for every page
        for (int i = 0; i < text.length(); i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 8) ^ text.charAt(i)) & 0xff]) & 0xffff;
        char[] hex = new char[4];
        for (int d = 3; d >= 0; d--, crc >>>= 4) hex[d] = Character.forDigit(crc & 0xf, 16);
        return new String(hex);
    }

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int crc = n << 8;
            for (int b = 0; b < 8; b++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            CRC_TABLE[n] = crc & 0xffff;
        }
    }
}
