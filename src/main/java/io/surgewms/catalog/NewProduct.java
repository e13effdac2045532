package io.surgewms.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A product to create (also one row of a bulk import, which upserts by shop and SKU).
 * Barcodes are checked by {@link BarcodeKind}; weight and dimensions default to 0 (unknown).
 * With components the product is a bundle (see {@link Bundles}); null components leave an existing
 * product's definition as it is, an empty list makes a bundle a plain product again.
 */
public record NewProduct(
        @NotNull String shop,
        @NotBlank @Size(max = 64) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with a space") String sku,
        @NotBlank @Size(max = 200) String name,
        List<String> barcodes,
        @PositiveOrZero Integer weightG,
        @PositiveOrZero Integer lengthMm,
        @PositiveOrZero Integer widthMm,
        @PositiveOrZero Integer heightMm,
        @Size(max = 20) List<@NotNull @Valid Component> components) {

    /** One component of a bundle: a SKU of the same shop and how many of it one bundle holds. */
    public record Component(@NotBlank @Size(max = 64) String sku, @NotNull @Positive @Max(1000) Integer quantity) {}

    /** A plain product (no bundle definition). */
    public NewProduct(String shop, String sku, String name, List<String> barcodes,
                      Integer weightG, Integer lengthMm, Integer widthMm, Integer heightMm) {
        this(shop, sku, name, barcodes, weightG, lengthMm, widthMm, heightMm, null);
    }

    public List<String> barcodesOrEmpty() {
        return barcodes == null ? List.of() : barcodes;
    }
}
