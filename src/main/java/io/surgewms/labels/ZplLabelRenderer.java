package io.surgewms.labels;

import java.util.Map;
import java.util.function.Predicate;

/** Shipping labels as ZPL II for Zebra-compatible thermal printers (203, 300 or 600 dpi). */
public final class ZplLabelRenderer {
    public static final String SHIPPING_TEMPLATE = "shipping-4x6.zpl";

    private final ZplTemplate shipping;

    public ZplLabelRenderer(LabelTemplates templates) {
        // Loaded once: a broken edited template fails at start, not on the first parcel.
        this.shipping = templates.zpl(SHIPPING_TEMPLATE);
    }

    /** A 4 x 6 in label for a printer with only its built-in fonts. */
    public String render(ShippingLabel label, int dpi) {
        return render(label, LabelSize.IN_4X6, dpi, PrinterFonts.NONE);
    }

    /** A 4 x 6 in label for a printer with these fonts (Cyrillic, Greek, CJK in its Unicode font, else as pictures). */
    public String render(ShippingLabel label, int dpi, PrinterFonts fonts) {
        return render(label, LabelSize.IN_4X6, dpi, fonts);
    }

    public String render(ShippingLabel label, LabelSize size, int dpi) {
        return render(label, size, dpi, PrinterFonts.NONE);
    }

    public String render(ShippingLabel label, LabelSize size, int dpi, PrinterFonts fonts) {
        Map<String, String> values = LabelText.wrapShipTo(LabelText.of(label), this::fits);
        // The stock's own size at this resolution, not a 203-dpi length scaled (100 mm is 799.2 dots at 203 dpi)
        values.put("labelWidthDots", Integer.toString(size.widthDots(dpi)));
        values.put("labelLengthDots", Integer.toString(size.heightDots(dpi)));
        return shipping.render(values, dpi, fonts == null ? PrinterFonts.NONE : fonts);
    }

    /** Whether a text fits the field at full size, by the same estimate that later shrinks or cuts it. */
    private Predicate<String> fits(String key) {
        ZplTemplate.Block b = shipping.block(key);
        return b == null ? null : t -> ZplFit.width(t) * b.charWidth() <= ZplFit.capacity(b.width(), b.lines());
    }
}
