package io.surgewms.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order as a channel sends it. Codes (shop, SKU) are resolved at intake. A held order ({@code hold} says why)
 * may come without its address: it is completed when the channel releases it (the same order sent again, not held).
 */
public record OrderRequest(
        @NotBlank @Size(max = 32) String shop,
        @NotBlank @Pattern(regexp = "tiktok|shopify|csv|api", message = "must be one of tiktok, shopify, csv, api") String channel,
        @NotBlank @Size(max = 128) String externalId,
        @NotNull OffsetDateTime shipBy,
        @NotBlank @Size(max = 40) String carrier,
        @NotBlank @Size(max = 40) String service,
        @Min(0) @Max(9) Integer priority,
        @Size(max = 120) String contentTag,
        @NotNull @Valid Address shipTo,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid Line> lines,
        @Size(max = 120) String shippingMethod,
        @Size(max = 200) String hold) {

    /** An order as a channel sends it, not held, with no shipping method named. */
    public OrderRequest(String shop, String channel, String externalId, OffsetDateTime shipBy, String carrier, String service,
                        Integer priority, String contentTag, Address shipTo, List<Line> lines) {
        this(shop, channel, externalId, shipBy, carrier, service, priority, contentTag, shipTo, lines, null, null);
    }

    /** Held: the channel sold it but has not released it (why, in {@link #hold}); its units are reserved, it is never waved. */
    public boolean held() {
        return hold != null && !hold.isBlank();
    }

    public record Address(
            @NotBlank @Size(max = 120) String name,
            @Size(max = 120) String company,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 80) String city,
            @Size(max = 80) String region,
            @NotBlank @Size(max = 20) String postalCode,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as US or GB") String country,
            @Size(max = 40) String phone,
            @Email @Size(max = 200) String email) {}

    public record Line(@NotBlank @Size(max = 64) String sku, @NotNull @Positive @Max(10_000) Integer quantity) {}

    /** The same order with other lines (intake's bundle explosion); every other field is kept. */
    public OrderRequest withLines(List<Line> other) {
        return new OrderRequest(shop, channel, externalId, shipBy, carrier, service, priority, contentTag, shipTo, other,
                shippingMethod, hold);
    }

    public int units() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }

    /** Identity of the order for ever: a repeat of this key is the same order. */
    public String key() {
        return shop + '\u0000' + channel + '\u0000' + externalId;
    }
}
