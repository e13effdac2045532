package io.surgewms.returns;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** What the returns API takes and answers. */
public final class ReturnRequests {
    private ReturnRequests() {}

    /** Why a customer sends an item back: a fixed list, so channels and reports can count them. */
    public static final Set<String> REASONS = Set.of("DAMAGED", "WRONG_ITEM", "NOT_AS_DESCRIBED", "CHANGED_MIND", "OTHER");
    public static final Set<String> DISPOSITIONS = Set.of("RESTOCK", "QUARANTINE", "SCRAP");
    public static final Set<String> SOURCES = Set.of("STAFF", "API", "CHANNEL");

    /**
     * A return for a shipped order, named by id or by (shop, channel, externalId).
     * @param reference the channel's own id of this return: sent again, it answers the RMA made the first time
     * @param source    STAFF, API or CHANNEL (a connector relaying a channel's return); default from the caller
     */
    public record NewReturn(Long orderId, String shop, String channel, String externalId, List<NewLine> lines,
                            String note, String reference, String source) {}

    public record NewLine(String sku, Integer quantity, String reason) {}

    /**
     * One unit received at the returns station.
     * @param code        the item's barcode or SKU as scanned
     * @param disposition RESTOCK (needs the bin scanned as location), QUARANTINE (location optional: the
     *                    quarantine area's bin) or SCRAP
     */
    public record UnitScan(String code, String disposition, String location, String note, String photoRef, String device) {}

    public record Rma(long id, String code, long orderId, String externalId, String channel, String shop, String status,
                      String source, String reference, String note, String createdBy, OffsetDateTime createdAt,
                      OffsetDateTime receivedAt, OffsetDateTime closedAt, String closedBy, List<Line> lines, List<Unit> units) {}

    /** An expected line: how many units, how many of them are in, and what became of every unit of its SKU. */
    public record Line(int lineNo, String sku, String name, List<String> barcodes, int quantity, String reason, int received,
                       int restocked, int quarantined, int scrapped, int unexpected) {}

    public record Unit(long id, String sku, String code, boolean unexpected, String disposition, String location,
                       String note, String photoRef, String actor, OffsetDateTime at) {}

    /** The station's answer to a unit: ACCEPTED (with the unit and the RMA after it) or REJECTED with a reason code. */
    public record UnitAnswer(String result, String reason, String message, Unit unit, Rma rma) {
        static UnitAnswer reject(String reason, String message, Rma rma) {
            return new UnitAnswer("REJECTED", reason, message, null, rma);
        }
    }

    public record Summary(long id, String code, long orderId, String externalId, String shop, String status, String source,
                          int expected, int received, OffsetDateTime createdAt, OffsetDateTime closedAt) {}
}
