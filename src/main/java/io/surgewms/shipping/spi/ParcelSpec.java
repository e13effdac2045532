package io.surgewms.shipping.spi;

import java.time.Instant;
import java.util.List;

/**
 * One parcel to ship, as the provider needs it.
 *
 * @param key            the parcel's identity, unique for ever ({@code surge-<order id>-<parcel no>-<version>}): the
 *                       idempotency key at the provider, and its reference where it has no such key
 * @param orderReference the order number the shop and the buyer know (the channel's order id)
 * @param channel        tiktok, shopify, csv or api
 * @param channelOrderId the channel's own order id (TikTok's order id for TikTok Shipping), or null
 * @param weightG        the parcel's weight, planned or weighed
 * @param lengthMm       carton dimensions, or null when no carton is known yet
 * @param format         the label format the station's printer takes
 */
public record ParcelSpec(String key, String orderReference, String channel, String channelOrderId, Address from, Address to,
                         int weightG, Integer lengthMm, Integer widthMm, Integer heightMm, String contentTag,
                         Instant shipBy, LabelFormat format, List<Item> items) {

    public ParcelSpec {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A line of the parcel, for customs and for providers that list contents. */
    public record Item(String sku, String name, int quantity, int weightG) {}
}
