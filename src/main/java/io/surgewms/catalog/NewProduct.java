package io.surgewms.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A product to create (also one row of a bulk import, which upserts by shop and SKU).
 * Barcodes are checked by {@link BarcodeKind}; weight and dimensions default to 0 (unknown).
 */
public record NewProduct(
        @NotNull String shop,
        @NotBlank @Size(max = 64) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with a space") String sku,
        @NotBlank @Size(max = 200) String name,
        List<String> barcodes,
        @PositiveOrZero Integer weightG,
        @PositiveOrZero Integer lengthMm,
        @PositiveOrZero Integer widthMm,
        @PositiveOrZero Integer heightMm) {

    public List<String> barcodesOrEmpty() {
        return barcodes == null ? List.of() : barcodes;
    }
}
