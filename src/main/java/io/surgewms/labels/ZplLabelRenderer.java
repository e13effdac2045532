package io.surgewms.labels;

/** Shipping labels as ZPL II for Zebra-compatible thermal printers (203, 300 or 600 dpi). */
public final class ZplLabelRenderer {
    public static final String SHIPPING_TEMPLATE = "shipping-4x6.zpl";

    private final ZplTemplate shipping;

    public ZplLabelRenderer(LabelTemplates templates) {
        // Loaded once: a broken edited template fails at start, not on the first parcel.
        this.shipping = templates.zpl(SHIPPING_TEMPLATE);
    }

    public String render(ShippingLabel label, int dpi) {
        return shipping.render(LabelText.of(label), dpi);
    }
}
