package io.surgewms.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;

/** An order as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(long id, String shop, String channel, String externalId, String status, OffsetDateTime shipBy,
                        String carrier, String service, int priority, String contentTag, OrderRequest.Address shipTo,
                        int units, String backorderReason, OffsetDateTime createdAt, List<LineView> lines,
                        List<AllocationView> allocations) {

    public record LineView(int lineNo, String sku, int quantity, int allocated) {}

    public record AllocationView(int lineNo, String sku, String location, int quantity, String status) {}

    public record Summary(long id, String shop, String channel, String externalId, String status, OffsetDateTime shipBy,
                          String carrier, String service, int priority, String contentTag, int units,
                          String backorderReason, OffsetDateTime createdAt) {}

    public record Event(String from, String to, String actor, String note, OffsetDateTime at) {}
}
