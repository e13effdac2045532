package io.surgewms.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads every Code 128, QR and DataMatrix on a printed label, as a packer's scanner would: the whole label
 * first, then overlapping parts of it (ZXing's DataMatrix finder looks from the middle of what it is given
 * and misses a small code among others, so it is pointed at each part, as a hand scanner is).
 */
public final class LabelScanner {
    private static final Map<DecodeHintType, Object> HINTS = new EnumMap<>(Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX)));

    private LabelScanner() {}

    /** "FORMAT text" for each code found, sorted. */
    public static Set<String> read(BufferedImage label) {
        Set<String> out = new TreeSet<>();
        for (Result r : results(label).values()) out.add(r.getBarcodeFormat() + " " + r.getText());
        return out;
    }

    /** Each code found once, by "FORMAT text", with its points in the label's dots. */
    public static Map<String, Result> results(BufferedImage label) {
        Map<String, Result> out = new LinkedHashMap<>();
        scan(label, 0, 0, out);
        int w = label.getWidth(), h = label.getHeight();
        // Half the width by a quarter of the height, moved by half a part: every code lies wholly in one
        for (int y = 0; y + h / 4 <= h; y += h / 8)
            for (int x = 0; x + w / 2 <= w; x += w / 4) scan(label.getSubimage(x, y, w / 2, h / 4), x, y, out);
        return out;
    }

    private static void scan(BufferedImage part, int dx, int dy, Map<String, Result> out) {
        Result[] found;
        try {
            found = new GenericMultipleBarcodeReader(new MultiFormatReader())
                    .decodeMultiple(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(part))), HINTS);
        } catch (NotFoundException e) {
            return;
        }
        for (Result r : found) {
            List<ResultPoint> points = new ArrayList<>();
            for (ResultPoint p : r.getResultPoints()) points.add(new ResultPoint(p.getX() + dx, p.getY() + dy));
            out.putIfAbsent(r.getBarcodeFormat() + " " + r.getText(), new Result(r.getText(), r.getRawBytes(),
                    points.toArray(new ResultPoint[0]), r.getBarcodeFormat()));
        }
    }
}
