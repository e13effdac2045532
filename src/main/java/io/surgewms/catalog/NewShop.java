package io.surgewms.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A shop to create: its code is how every other request names it, so it is short and URL-safe. */
public record NewShop(
        @NotNull @Pattern(regexp = "[a-z0-9-]{2,32}", message = "must be 2-32 of lowercase letters, digits and '-'")
        String code,
        @NotBlank @Size(max = 200) String name) {
}
