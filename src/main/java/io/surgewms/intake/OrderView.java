package io.surgewms.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;

/** An order as the API shows it; {@code hold} says why a HELD order waits for its channel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(long id, String shop, String channel, String externalId, String status, OffsetDateTime shipBy,
                        String carrier, String service, int priority, String contentTag, OrderRequest.Address shipTo,
                        int units, String backorderReason, OffsetDateTime createdAt, List<LineView> lines,
                        List<AllocationView> allocations, String shippingMethod, String hold) {

    /**
     * A line as the buyer ordered it. A bundle line (bundles ordered, whole bundles reserved) lists the
     * component lines the warehouse picks under {@code components}, and takes the number of the first.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineView(int lineNo, String sku, int quantity, int allocated, List<LineView> components) {
        public LineView(int lineNo, String sku, int quantity, int allocated) {
            this(lineNo, sku, quantity, allocated, null);
        }
    }

    /** The view of an order intake has just created, without its reservations' bins (GET the order for those). */
    static OrderView created(OrderRequest o, OrderResult r) {
        boolean served = "ALLOCATED".equals(r.status()) || "HELD".equals(r.status()) && r.backorderReason() == null;
        List<LineView> lines = new java.util.ArrayList<>();
        for (int i = 0; i < o.lines().size(); i++) {
            OrderRequest.Line l = o.lines().get(i);
            lines.add(new LineView(i + 1, l.sku(), l.quantity(), served ? l.quantity() : 0));
        }
        return new OrderView(r.orderId(), o.shop(), o.channel(), o.externalId(), r.status(), o.shipBy(), o.carrier(), o.service(),
                o.priority() == null ? 0 : o.priority(), o.contentTag(), o.shipTo(), o.units(), r.backorderReason(), r.createdAt(),
                lines, null, o.shippingMethod(), o.held() ? o.hold() : null);
    }

    public record AllocationView(int lineNo, String sku, String location, int quantity, String status) {}

    public record Summary(long id, String shop, String channel, String externalId, String status, OffsetDateTime shipBy,
                          String carrier, String service, int priority, String contentTag, int units,
                          String backorderReason, OffsetDateTime createdAt) {}

    public record Event(String from, String to, String actor, String note, OffsetDateTime at) {}
}
