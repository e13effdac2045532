package io.surgewms.intake.channels;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What goes back to a channel: one implementation per channel (a CDI bean), called by the outbox
 * sender for each event of an account on that channel. Topics: {@code shipment.shipped} (tracking),
 * {@code stock.level} (available to sell), {@code return.received}. Throwing means "not delivered,
 * try again later"; returning means delivered.
 */
public interface ChannelClient {

    /** tiktok or shopify. */
    String channel();

    void send(ChannelAccount account, String topic, JsonNode payload) throws Exception;
}
