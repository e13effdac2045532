package io.surgewms.layout;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * A rectangular zone to generate: aisles × bays × levels bins coded ZONE-AA-BB-L. The limits
 * are those of the code (two-digit aisle and bay, one-digit level). Levels up to
 * {@code pickFaceLevels} (default 2) are pick faces, the ones above reserve.
 */
public record NewLayout(
        @NotNull @Pattern(regexp = "[A-Z]{1,3}", message = "must be 1-3 capital letters") String zone,
        @NotNull @Min(1) @Max(99) Integer aisles,
        @NotNull @Min(1) @Max(99) Integer bays,
        @NotNull @Min(1) @Max(9) Integer levels,
        @Min(0) @Max(98) Integer crossAisles,
        @NotNull @Positive @DecimalMax("100") Double bayWidthM,
        @NotNull @Positive @DecimalMax("100") Double aislePitchM,
        @NotNull @Positive @DecimalMax("100") Double crossAisleM,
        @DecimalMin("-100000") @DecimalMax("100000") Double depotX,
        @DecimalMin("-100000") @DecimalMax("100000") Double depotY,
        @Min(0) @Max(9) Integer pickFaceLevels) {

    public int crossAislesOrZero() { return crossAisles == null ? 0 : crossAisles; }

    public int pickFaceLevelsOrDefault() { return pickFaceLevels == null ? Math.min(2, levels) : pickFaceLevels; }
}
