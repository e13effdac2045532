package io.surgewms.catalog;

import io.surgewms.barcode.Gtin;
import io.surgewms.platform.Problem.FieldError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The kinds of product barcode the product_barcode table allows. Digits of a GTIN length are a
 * GTIN and must carry the right check digit (a misprinted EAN must not pass as a shop code).
 */
public enum BarcodeKind {
    GTIN8, GTIN12, GTIN13, GTIN14, SHOP;

    private static final Pattern SHOP_CODE = Pattern.compile("[A-Za-z0-9._/-]{1,40}");

    /** The kind of a valid barcode; IllegalArgumentException with the reason for an invalid one. */
    public static BarcodeKind of(String code) {
        String problem = problemWith(code);
        if (problem != null) throw new IllegalArgumentException(problem);
        return Gtin.looksLikeGtin(code) ? valueOf(Gtin.kindOf(code)) : SHOP;
    }

    /** Why a string cannot be a product barcode, or null when it can. */
    public static String problemWith(String code) {
        if (code == null || code.isEmpty()) return "must not be empty";
        if (Gtin.looksLikeGtin(code)) return Gtin.isValid(code) ? null : "invalid check digit";
        return SHOP_CODE.matcher(code).matches() ? null
                : "a shop barcode is 1-40 of A-Z a-z 0-9 - _ . /";
    }

    /** Field errors of a product's barcode list, named {@code barcodes[i]}: bad codes and repeats. */
    public static List<FieldError> check(List<String> barcodes) {
        List<FieldError> errors = new ArrayList<>();
        if (barcodes == null) return errors;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < barcodes.size(); i++) {
            String code = barcodes.get(i), field = "barcodes[" + i + "]";
            String problem = problemWith(code);
            if (problem != null) errors.add(new FieldError(field, problem));
            else if (seen.putIfAbsent(code, i) != null)
                errors.add(new FieldError(field, "'" + code + "' is listed twice (also barcodes[" + seen.get(code) + "])"));
        }
        return errors;
    }
}
