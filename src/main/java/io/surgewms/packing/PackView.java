package io.surgewms.packing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What a pack station shows: the order, each line's progress, the suggested carton, parcels so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackView(String station, long orderId, String externalId, String shop, String status, int parcels,
                       List<Line> lines, String suggestedCarton, int estimatedWeightG) {

    /** ordered = on the order; packed = in parcels already closed; scanned = in the parcel being packed. */
    public record Line(String sku, String name, int ordered, int packed, int scanned) {
        public int remaining() { return ordered - packed - scanned; }
    }

    /** A scan at a station: ACCEPTED or REJECTED with a reason, the message for the packer, and the state after it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String result, String reason, String message, PackView pack, Long shipmentId) {
        boolean accepted() {
            return "ACCEPTED".equals(result);
        }

        static Answer reject(String reason, String message) {
            return new Answer("REJECTED", reason, message, null, null);
        }
    }
}
