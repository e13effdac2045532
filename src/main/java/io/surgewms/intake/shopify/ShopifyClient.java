package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * What goes back to Shopify, all through the Admin GraphQL API ({@link ShopifyGraphql}; the REST Admin API is legacy):
 * <ul>
 * <li>{@code shipment.shipped}: tracking on the order's fulfillment orders ({@link ShopifyFulfillments#fulfil}).</li>
 * <li>{@code stock.level}: the variant's available quantity ({@link ShopifyInventory#setAvailable}).</li>
 * <li>{@code shopify.cancellation}: the answer to a fulfillment order's cancellation request ({@link ShopifyFulfillments#answerCancellation}).</li>
 * </ul>
 * Any other topic has no Shopify counterpart and is taken as delivered. A failure throws a ChannelException that says
 * whether and when to try again.
 */
@Singleton
public class ShopifyClient implements ChannelClient {

    private static final Logger LOG = Logger.getLogger(ShopifyClient.class);
    /** Outbox topic of the answer to a cancellation request. */
    public static final String CANCELLATION = "shopify.cancellation";

    private final ShopifyFulfillments fulfillments;
    private final ShopifyInventory inventory;

    @Inject
    public ShopifyClient(ShopifyFulfillments fulfillments, ShopifyInventory inventory) {
        this.fulfillments = fulfillments;
        this.inventory = inventory;
    }

    /** Outside CDI (tests, tools): its own GraphQL caller. */
    public ShopifyClient() {
        this(new ShopifyGraphql());
    }

    private ShopifyClient(ShopifyGraphql graphql) {
        this(new ShopifyFulfillments(graphql), new ShopifyInventory(graphql));
    }

    @Override
    public String channel() {
        return "shopify";
    }

    @Override
    public void send(ChannelAccount account, String topic, JsonNode payload) throws Exception {
        switch (topic) {
            case "shipment.shipped" -> fulfillments.fulfil(account, payload);
            case "stock.level" -> inventory.setAvailable(account, payload);
            case CANCELLATION -> fulfillments.answerCancellation(account, payload);
            default -> LOG.debugf("Shopify has nothing for %s; taken as delivered", topic);
        }
    }
}
