package io.surgewms.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What the floor and the API send to change stock. Quantities are units. */
public final class InventoryRequests {
    private InventoryRequests() {}

    public record ReceiptLine(@NotBlank String sku, @NotBlank String location,
                              @NotNull @Positive @Max(1_000_000) Integer quantity) {}

    public record Receipt(@NotBlank String shop, @NotBlank @Size(max = 128) String reference,
                          @NotEmpty @Size(max = 10_000) List<@Valid @NotNull ReceiptLine> lines) {}

    /** Either {@code delta} (signed) or {@code countedQuantity} (the new on-hand), with a reason. */
    public record Adjustment(@NotBlank String shop, @NotBlank String sku, @NotBlank String location,
                             Integer delta, @PositiveOrZero Integer countedQuantity,
                             @NotBlank @Size(max = 200) String reason) {}

    public record Move(@NotBlank String shop, @NotBlank String sku, @NotBlank String from, @NotBlank String to,
                       @NotNull @Positive Integer quantity) {}

    /** One row of a stock import (JSON array or CSV shop,sku,location,quantity). */
    public record StockRow(String shop, String sku, String location, Integer quantity) {}

    public record StockLevel(String sku, String location, int onHand, int allocated) {}

    public record ReceiptResult(long receiptId, String reference, List<StockLevel> levels, int backordersAllocated) {}


}
