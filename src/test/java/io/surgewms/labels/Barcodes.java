package io.surgewms.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads a Code 128 (or GS1-128) from a horizontal strip of a rasterized label, as a scanner would. */
final class Barcodes {
    private Barcodes() {}

    static String read(BufferedImage img, int y, int h, boolean gs1) throws NotFoundException {
        return read(img.getSubimage(0, y, img.getWidth(), h), gs1);
    }

    static String read(BufferedImage region, boolean gs1) throws NotFoundException {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        if (gs1) hints.put(DecodeHintType.ASSUME_GS1, Boolean.TRUE);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(region))), hints).getText();
    }
}
