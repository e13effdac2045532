package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelException;
import io.surgewms.intake.channels.ChannelException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static io.surgewms.intake.shopify.FakeShopifyGraphql.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production ShopifyClient against a FAKE Admin GraphQL API ({@link FakeShopifyGraphql}): the requests it sends,
 * and what each documented answer (hold, throttling, user errors) becomes for the outbox.
 */
class ShopifyClientTest {

    FakeShopifyGraphql shopify;
    ChannelAccount account;
    final ShopifyClient client = new ShopifyClient();

    @BeforeEach
    void start() throws Exception {
        shopify = new FakeShopifyGraphql();
        account = new ChannelAccount(1, 1, "glow", "shopify", "glow.myshopify.com", null, "secret", "shpat_token",
                shopify.baseUrl(), "UPS", "GROUND", 48, true);
    }

    @AfterEach
    void stop() {
        shopify.close();
    }

    static JsonNode shipped(String order, String tracking) throws Exception {
        return JSON.readTree("""
                {"orderId": 7, "shop": "glow", "channel": "shopify", "externalId": "%s", "carrier": "UPS",
                 "service": "GROUND", "trackingNumber": "%s"}""".formatted(order, tracking));
    }

    static FakeShopifyGraphql.Fo fo(long id, String status) {
        return new FakeShopifyGraphql.Fo("gid://shopify/FulfillmentOrder/" + id, status, "gid://shopify/Location/655441491");
    }

    @Test
    void shall_fulfil_the_open_fulfillment_orders_with_the_tracking_number_and_company_and_notify_the_buyer() throws Exception {
        shopify.order("450789469", fo(1046000818, "OPEN"), fo(1046000819, "CLOSED"), fo(1046000820, "CANCELLED"));
        client.send(account, "shipment.shipped", shipped("450789469", "1Z999AA10123456784"));
        assertEquals(2, shopify.seen.size(), shopify.seen.toString());
        assertTrue(shopify.seen.stream().allMatch(s -> s.path().equals("/admin/api/" + ShopifyGraphql.API_VERSION + "/graphql.json")
                && "shpat_token".equals(s.token())));
        assertEquals("gid://shopify/Order/450789469", shopify.seen.get(0).variables().path("id").asText());
        assertEquals(JSON.readTree("""
                {"fulfillment": {"lineItemsByFulfillmentOrder": [{"fulfillmentOrderId": "gid://shopify/FulfillmentOrder/1046000818"}],
                 "trackingInfo": {"number": "1Z999AA10123456784", "company": "UPS"}, "notifyCustomer": true}}"""),
                shopify.seen("fulfillmentCreate").get(0).variables());
        assertEquals("CLOSED", shopify.fo("gid://shopify/FulfillmentOrder/1046000818").status);
    }

    @Test
    void shall_keep_the_tracking_of_a_fulfillment_order_on_hold_and_send_it_once_shopify_releases_it() throws Exception {
        shopify.order("820982911946154508", fo(1, "OPEN"), fo(2, "ON_HOLD"));
        ChannelException e = assertThrows(ChannelException.class, () -> client.send(account, "shipment.shipped", shipped("820982911946154508", "1ZHOLD")));
        assertEquals(Kind.NOT_YET, e.kind(), "retried by the outbox, not taken as delivered");
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("ON_HOLD"), e.getMessage());
        assertEquals(1, shopify.seen("fulfillmentCreate").size(), "the open one is fulfilled at once");

        shopify.fo("gid://shopify/FulfillmentOrder/2").status = "OPEN"; // the merchant releases the hold
        client.send(account, "shipment.shipped", shipped("820982911946154508", "1ZHOLD"));
        var creates = shopify.seen("fulfillmentCreate");
        assertEquals(2, creates.size());
        assertEquals("gid://shopify/FulfillmentOrder/2", creates.get(1).variables().path("fulfillment").path("lineItemsByFulfillmentOrder").path(0)
                .path("fulfillmentOrderId").asText());
        assertEquals("1ZHOLD", creates.get(1).variables().path("fulfillment").path("trackingInfo").path("number").asText());

        client.send(account, "shipment.shipped", shipped("820982911946154508", "1ZHOLD")); // a repeat: all closed now
        assertEquals(2, shopify.seen("fulfillmentCreate").size(), "nothing sent twice");
    }

    @Test
    void shall_wait_for_a_scheduled_fulfillment_order_too() throws Exception {
        shopify.order("77", fo(3, "SCHEDULED"));
        assertEquals(Kind.NOT_YET, assertThrows(ChannelException.class, () -> client.send(account, "shipment.shipped", shipped("77", "T"))).kind());
        assertEquals(0, shopify.seen("fulfillmentCreate").size());
    }

    @Test
    void shall_turn_429_into_rate_limited_with_its_retry_after() {
        shopify.canned.add(new FakeShopifyGraphql.Canned(429, "3.0", "{\"errors\":\"Exceeded 2 calls per second for api client.\"}"));
        ChannelException e = assertThrows(ChannelException.class, () -> client.send(account, "shipment.shipped", shipped("1", "T")));
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(3), e.retryAfter());
    }

    @Test
    void shall_turn_throttled_into_rate_limited_for_as_long_as_the_bucket_needs_to_refill() {
        // (752 requested − 666 available) ÷ 50 a second = 1.72 s → 2 s
        shopify.canned.add(new FakeShopifyGraphql.Canned(200, null, """
                {"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}],
                 "extensions": {"cost": {"requestedQueryCost": 752, "actualQueryCost": null,
                   "throttleStatus": {"maximumAvailable": 1000.0, "currentlyAvailable": 666, "restoreRate": 50.0}}}}"""));
        ChannelException e = assertThrows(ChannelException.class, () -> client.send(account, "shipment.shipped", shipped("1", "T")));
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(2), e.retryAfter());
    }

    @Test
    void shall_say_auth_for_401_unavailable_for_5xx_and_a_dead_host_and_rejected_with_the_user_errors() throws Exception {
        shopify.canned.add(new FakeShopifyGraphql.Canned(401, null, "{\"errors\":\"[API] Invalid API key or access token\"}"));
        shopify.canned.add(new FakeShopifyGraphql.Canned(503, null, "{}"));
        assertEquals(Kind.AUTH, assertThrows(ChannelException.class, () -> client.send(account, "shipment.shipped", shipped("1", "T"))).kind());
        ChannelException down = assertThrows(ChannelException.class, () -> client.send(account, "shipment.shipped", shipped("1", "T")));
        assertEquals(Kind.UNAVAILABLE, down.kind());
        assertTrue(down.retryable());

        int closed;
        try (ServerSocket s = new ServerSocket(0)) { closed = s.getLocalPort(); }
        ChannelAccount gone = new ChannelAccount(2, 1, "glow", "shopify", "glow.myshopify.com", null, "s", "t",
                "http://127.0.0.1:" + closed, "UPS", "GROUND", 48, true);
        assertEquals(Kind.UNAVAILABLE, assertThrows(ChannelException.class, () -> client.send(gone, "shipment.shipped", shipped("1", "T"))).kind());

        shopify.order("5", fo(9, "OPEN"));
        shopify.canned.add(new FakeShopifyGraphql.Canned(200, null, """
                {"data": {"order": {"id": "gid://shopify/Order/5", "fulfillmentOrders": {"nodes": [{"id": "gid://shopify/FulfillmentOrder/9",
                 "status": "OPEN", "assignedLocation": {"location": {"id": "gid://shopify/Location/1"}}}]}}}}"""));
        shopify.canned.add(new FakeShopifyGraphql.Canned(200, null, """
                {"data": {"fulfillmentCreate": {"fulfillment": null, "userErrors": [{"field": ["fulfillment"], "message": "Invalid fulfillment order line item quantity requested."}]}}}"""));
        ChannelException refused = assertThrows(ChannelException.class, () -> client.send(account, "shipment.shipped", shipped("5", "T")));
        assertEquals(Kind.REJECTED, refused.kind());
        assertTrue(refused.getMessage().contains("Invalid fulfillment order line item quantity requested."), refused.getMessage());
    }

    @Test
    void shall_set_the_available_quantity_of_the_variants_item_at_its_location_looked_up_once() throws Exception {
        shopify.variants.put("4001", new String[] {"gid://shopify/InventoryItem/808950810", "gid://shopify/Location/655441491"});
        client.send(account, "stock.level", JSON.readTree("{\"productId\": 9, \"sku\": \"A\", \"channelSku\": \"4001\", \"quantity\": 42, \"at\": \"2026-12-08T10:00:00Z\"}"));
        client.send(account, "stock.level", JSON.readTree("{\"productId\": 9, \"sku\": \"A\", \"channelSku\": \"4001\", \"quantity\": 41, \"at\": \"2026-12-08T10:00:05Z\"}"));
        assertEquals(1, shopify.seen("VariantStock").size(), "variant → item and location is kept a while");
        var sets = shopify.seen("inventorySetQuantities");
        assertEquals(2, sets.size());
        assertEquals(JSON.readTree("""
                {"input": {"name": "available", "reason": "correction", "quantities": [{"inventoryItemId": "gid://shopify/InventoryItem/808950810",
                 "locationId": "gid://shopify/Location/655441491", "quantity": 42, "changeFromQuantity": null}]}}"""), sets.get(0).variables());
        assertTrue(sets.get(0).query().contains("@idempotent(key: \""), "required since 2026-04");
        assertTrue(!sets.get(0).query().equals(sets.get(1).query()), "each level its own idempotency key");

        client.send(account, "stock.level", JSON.readTree("{\"productId\": 9, \"sku\": \"B\", \"quantity\": 1}")); // unmapped: nothing sent
        assertEquals(3, shopify.seen.size());
    }
}
