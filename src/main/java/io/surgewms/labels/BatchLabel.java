package io.surgewms.labels;

import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.LocationCode;

/**
 * A small label printed in batches: a rack location, a tote, a product or a picker's badge. Each is a
 * Code 128 of {@code code}, the code again in large type (people read it from a distance or when the scan
 * fails) and an optional caption (product name, picker name). Validated per kind so a typo never prints.
 */
public record BatchLabel(Kind kind, String code, String caption) {

    public enum Kind {
        LOCATION("location-label.zpl"), TOTE("tote-label.zpl"), PRODUCT("product-label.zpl"), BADGE("badge-label.zpl");

        final String template;

        Kind(String template) {
            this.template = template;
        }
    }

    public BatchLabel {
        if (kind == null) throw new IllegalArgumentException("kind is required");
        String problem = switch (kind) {
            case LOCATION, TOTE -> LocationCode.problemWith(code);
            case PRODUCT -> Gtin.isValid(code) ? null : "a product label needs a valid GTIN-8/12/13/14";
            case BADGE -> code != null && code.matches("[A-Z0-9-]{2,20}") ? null : "badge codes are 2-20 of A-Z, 0-9 and '-'";
        };
        if (problem != null) throw new IllegalArgumentException(kind + " " + code + ": " + problem);
        caption = LabelText.clean(caption);
    }

    public static BatchLabel location(String code) {
        return new BatchLabel(Kind.LOCATION, code, null);
    }

    public static BatchLabel tote(String code) {
        return new BatchLabel(Kind.TOTE, code, null);
    }

    public static BatchLabel product(String gtin, String name) {
        return new BatchLabel(Kind.PRODUCT, gtin, name);
    }

    public static BatchLabel badge(String code, String pickerName) {
        return new BatchLabel(Kind.BADGE, code, pickerName);
    }
}
