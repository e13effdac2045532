package io.surgewms.shipping.sendcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.shipping.spi.CarrierException;

import java.util.Locale;

/** How far a v3 shipment (its single parcel) got: what a buy does with it depends on that. */
final class SendcloudShipment {

    enum State {
        /** Announced: tracking number and label exist. */
        READY,
        /** Accepted but not yet announced to the carrier: the label comes later. */
        ANNOUNCING,
        /** The carrier refused the announcement; the shipment keeps its external reference. */
        FAILED,
        /** Cancelled (voided), or being cancelled. */
        CANCELLED
    }

    private SendcloudShipment() {}

    static State state(JsonNode shipment) {
        JsonNode parcel = shipment.path("parcels").path(0);
        if (parcel.isMissingNode()) return State.FAILED;
        // Status codes come as READY_TO_SEND in shipments and as ready-to-send in the parcel status list.
        String code = parcel.path("status").path("code").asText("").toUpperCase(Locale.ROOT).replace('-', '_');
        if (code.contains("ANNOUNCEMENT_FAILED")) return State.FAILED;
        if (code.startsWith("CANCEL")) return State.CANCELLED;
        boolean hasLabel = !parcel.path("label_file").asText("").isBlank() || !parcel.path("documents").isEmpty();
        if (code.equals("ANNOUNCING") || !hasLabel)
            return shipment.path("errors").isEmpty() ? State.ANNOUNCING : State.FAILED;
        return State.READY;
    }

    /** The carrier's refusal as the kind the worker acts on: its 5xx are retried, address errors go to a person. */
    static CarrierException failure(JsonNode shipment, String parcelKey) {
        JsonNode errors = shipment.path("errors");
        boolean carrierDown = false;
        for (JsonNode e : errors) carrierDown |= e.path("status").asText("").startsWith("5");
        CarrierException.Kind kind = carrierDown ? CarrierException.Kind.UNAVAILABLE
                : SendcloudClient.aboutAddress(errors) ? CarrierException.Kind.ADDRESS : CarrierException.Kind.REJECTED;
        String detail = errors.isEmpty() ? shipment.path("parcels").path(0).path("status").path("message").asText("no detail")
                : SendcloudClient.describe(errors);
        return new CarrierException(kind, "sendcloud: announcement of parcel " + parcelKey + " failed (shipment "
                + shipment.path("id").asText("?") + "): " + detail);
    }
}
