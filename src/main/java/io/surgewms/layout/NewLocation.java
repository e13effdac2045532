package io.surgewms.layout;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A location to create (or one row of an import, upserted by code). For a rack code such as
 * A-03-12-2, zone, aisle, bay and level may be left out (they are read from the code) and x/y
 * default to the zone's layout geometry; other codes need a zone.
 */
public record NewLocation(
        @NotNull String code,
        @NotNull LocationKind kind,
        @Pattern(regexp = "[A-Z0-9-]{1,16}", message = "must be 1-16 of A-Z, 0-9 and '-'") String zone,
        @Min(0) @Max(9999) Integer aisle,
        @Min(0) @Max(9999) Integer bay,
        @Min(0) @Max(9999) Integer level,
        @Min(0) @Max(9999) Integer position,
        @DecimalMin("-1000000") @DecimalMax("1000000") Double x,
        @DecimalMin("-1000000") @DecimalMax("1000000") Double y,
        @Min(0) Integer pickSeq) {
}
