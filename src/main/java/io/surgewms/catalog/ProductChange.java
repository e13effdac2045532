package io.surgewms.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * New state of a product (PUT): name, barcodes, weight and dimensions are replaced as a whole.
 * Shop and SKU never change; barcodes are required so a forgotten field does not wipe them.
 * Components are optional for the same reason: null leaves the bundle definition as it is.
 */
public record ProductChange(
        @NotBlank @Size(max = 200) String name,
        @NotNull List<String> barcodes,
        @PositiveOrZero Integer weightG,
        @PositiveOrZero Integer lengthMm,
        @PositiveOrZero Integer widthMm,
        @PositiveOrZero Integer heightMm,
        @Size(max = 20) List<NewProduct.@NotNull @Valid Component> components) {
}
