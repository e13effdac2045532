package io.surgewms.shipping.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierException.Kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What TikTok Shipping reads of one order of Get Order Detail (202309): its status, whether TikTok ships it,
 * its package (if TikTok made one yet) and the line items a package made for it carries.
 */
record TikTokOrder(String id, String status, String shippingType, long createTime, List<String> packageIds, List<String> lineItemIds) {

    /** Order statuses after the shipment was arranged (Ship Package): the package must not be shipped again. */
    private static final Set<String> ARRANGED = Set.of("AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED");

    static TikTokOrder of(JsonNode o) {
        Set<String> packages = new LinkedHashSet<>();
        for (JsonNode p : o.path("packages")) if (!p.path("id").asText("").isBlank()) packages.add(p.path("id").asText());
        List<String> lines = new ArrayList<>();
        for (JsonNode l : o.path("line_items")) {
            // A line's package_id appears once it shipped (US and UK); a cancelled line goes in no package.
            if (!l.path("package_id").asText("").isBlank()) packages.add(l.path("package_id").asText());
            if (!"CANCELLED".equals(l.path("display_status").asText())) lines.add(l.path("id").asText());
        }
        return new TikTokOrder(o.path("id").asText(), o.path("status").asText(""), o.path("shipping_type").asText(""),
                o.path("create_time").asLong(0), List.copyOf(packages), List.copyOf(lines));
    }

    /** Refuses an order TikTok does not ship, or cannot ship now. */
    TikTokOrder shippable() throws CarrierException {
        if (!"TIKTOK".equals(shippingType))
            throw new CarrierException(Kind.REJECTED, "TikTok order " + id + " is shipped by the seller (shipping_type " + shippingType
                    + "), not by TikTok: buy its label from another carrier account");
        switch (status) {
            case "CANCELLED" -> throw new CarrierException(Kind.REJECTED, "TikTok order " + id + " is cancelled: do not ship it");
            case "UNPAID", "ON_HOLD" -> throw new CarrierException(Kind.REJECTED, "TikTok order " + id + " is " + status
                    + ": TikTok sells no label before it is awaiting shipment");
            default -> { }
        }
        return this;
    }

    /** The order's one package, or null before TikTok has one; several are refused (Surge ships an order as one). */
    String onlyPackage() throws CarrierException {
        if (packageIds.size() > 1)
            throw new CarrierException(Kind.REJECTED, "TikTok order " + id + " is split into " + packageIds.size() + " packages " + packageIds
                    + ": Surge ships a TikTok order as one package; combine them or print their labels in TikTok Seller Center");
        return packageIds.isEmpty() ? null : packageIds.get(0);
    }

    boolean arranged() {
        return ARRANGED.contains(status);
    }
}
