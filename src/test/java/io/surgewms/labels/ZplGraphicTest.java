package io.surgewms.labels;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ZplGraphicTest {

    @Test
    void shall_take_the_dots_of_a_1_bit_picture_as_they_are_and_keep_the_row_padding_white() {
        // 813 wide: the last byte of each row holds 5 dots and 3 bits of padding
        BufferedImage bits = new BufferedImage(813, 40, BufferedImage.TYPE_BYTE_BINARY);
        BufferedImage rgb = new BufferedImage(813, 40, BufferedImage.TYPE_INT_RGB);
        scribble(bits);
        scribble(rgb);
        byte[] dots = ZplGraphic.dots(bits);
        assertArrayEquals(ZplGraphic.dots(rgb), dots);
        // A fresh 1-bit picture is all index 0, black by its palette: padding must still not print
        assertEquals((byte) 0xf8, ZplGraphic.dots(new BufferedImage(813, 1, BufferedImage.TYPE_BYTE_BINARY))[101]);
        // A palette the other way round (index 0 white) reads the same
        IndexColorModel whiteFirst = new IndexColorModel(1, 2, new byte[]{-1, 0}, new byte[]{-1, 0}, new byte[]{-1, 0});
        BufferedImage inverted = new BufferedImage(813, 40, BufferedImage.TYPE_BYTE_BINARY, whiteFirst);
        scribble(inverted);
        assertArrayEquals(dots, ZplGraphic.dots(inverted));
        // A part of a picture is read pixel by pixel, from its own corner
        assertArrayEquals(ZplGraphic.dots(rgb.getSubimage(3, 5, 100, 20)), ZplGraphic.dots(bits.getSubimage(3, 5, 100, 20)));
    }

    @Test
    void shall_check_the_graphic_with_crc16_xmodem() {
        assertEquals("31c3", ZplGraphic.crc16("123456789")); // the catalogue check value of CRC-16/XMODEM
        assertEquals("0000", ZplGraphic.crc16(""));
        String b64 = java.util.Base64.getEncoder().encodeToString(new Random(7).ints(3000, 0, 256).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(String.format("%04x", bitwise(b64)), ZplGraphic.crc16(b64));
    }

    private static int bitwise(String text) {
        int crc = 0;
        for (int i = 0; i < text.length(); i++) {
            crc ^= (text.charAt(i) & 0xff) << 8;
            for (int b = 0; b < 8; b++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            crc &= 0xffff;
        }
        return crc;
    }

    private static void scribble(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        Random rnd = new Random(42);
        for (int i = 0; i < 60; i++) g.fillRect(rnd.nextInt(img.getWidth()), rnd.nextInt(img.getHeight()), 1 + rnd.nextInt(9), 1 + rnd.nextInt(30));
        g.fillRect(img.getWidth() - 2, 0, 2, img.getHeight()); // up to the last column
        g.dispose();
    }
}
