package io.surgewms.intake.shopify;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.surgewms.intake.channels.OutboxSender;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.surgewms.intake.shopify.FakeShopifyGraphql.Fo;
import static io.surgewms.testsupport.Pick.plan;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shopify's fulfillment-order webhooks (holds, releases, cancellation requests) and tracking for held fulfillment orders,
 * end to end: signed webhooks in, the real database, the outbox sender, and a FAKE Admin GraphQL API
 * ({@link FakeShopifyGraphql}) that answers the production client with the documented shapes. Webhook bodies are
 * Shopify's sample payloads (https://shopify.dev/docs/api/webhooks, topics fulfillment_orders/*).
 */
@QuarkusTest
class ShopifyFulfillmentOrdersTest {

    @Inject OutboxSender sender;

    FakeShopifyGraphql shopify;
    ShopifyWebhookTest.Store s;

    @BeforeEach
    void start() throws Exception {
        shopify = new FakeShopifyGraphql();
        s = new ShopifyWebhookTest.Store();
        Floor.sql("update channel_account set base_url = ? where account = ?", shopify.baseUrl(), s.domain);
    }

    @AfterEach
    void stop() {
        shopify.close();
        SignedIn.asAdmin();
    }

    ValidatableResponse hook(String topic, String json) throws Exception {
        SignedIn.anonymous(); // Shopify sends no Surge credential: the HMAC is the credential
        return ShopifyWebhookTest.signed(s, topic, json);
    }

    static Fo fo(long id, String status) {
        return new Fo(gid(id), status, "gid://shopify/Location/1");
    }

    static String gid(long fulfillmentOrder) {
        return "gid://shopify/FulfillmentOrder/" + fulfillmentOrder;
    }

    static String placedOnHold(long fulfillmentOrder, String reason, String notes) {
        return """
                {"fulfillment_order": {"id": "%1$s", "status": "on_hold", "fulfillment_holds": [{"id": "gid://shopify/FulfillmentHold/1",
                  "reason": "%2$s", "reason_notes": "%3$s", "held_by_requesting_app": false, "handle": "h-1", "held_by_app": {"id": "gid://shopify/App/12345"}}]},
                 "remaining_fulfillment_order": null, "held_fulfillment_order_line_items": [{"id": "gid://shopify/FulfillmentOrderLineItem/3", "quantity": 2}],
                 "created_fulfillment_hold": {"id": "gid://shopify/FulfillmentHold/1", "reason": "%2$s", "reason_notes": "%3$s",
                  "held_by_requesting_app": false, "handle": "h-1", "held_by_app": {"id": "gid://shopify/App/12345"}}}""".formatted(gid(fulfillmentOrder), reason, notes);
    }

    static String holdReleased(long fulfillmentOrder) {
        return "{\"fulfillment_order\": {\"id\": \"%s\", \"status\": \"open\"}}".formatted(gid(fulfillmentOrder));
    }

    static String cancellationRequested(long fulfillmentOrder) {
        return """
                {"fulfillment_order": {"id": "%s", "status": "in_progress", "request_status": "cancellation_request"},
                 "fulfillment_order_merchant_request": {"id": "gid://shopify/FulfillmentOrderMerchantRequest/1", "message": "Customer cancelled their order"}}"""
                .formatted(gid(fulfillmentOrder));
    }

    String status(long orderId) {
        return s.f.text("select status from orders where id = ?", orderId);
    }

    @Test
    void shall_hold_an_order_placed_on_hold_with_its_units_reserved_out_of_waves_and_release_it() throws Exception {
        shopify.order("10001", fo(501, "OPEN"));
        long order = hook("orders/create", ShopifyWebhookTest.order(10001, true)).statusCode(200).body("outcome", equalTo("CREATED"))
                .extract().jsonPath().getLong("orderId");
        assertEquals(2, s.f.allocated("A"));

        hook("fulfillment_orders/placed_on_hold", placedOnHold(501, "awaiting_payment", "payment pending"))
                .statusCode(200).body("outcome", equalTo("HELD")).body("orderId", equalTo((int) order));
        SignedIn.asAdmin();
        given().get("/api/orders/" + order).then().body("status", equalTo("HELD"))
                .body("hold", equalTo("on hold on Shopify: awaiting_payment (payment pending)"));
        assertEquals(2, s.f.allocated("A"), "a held order keeps its units");
        // A wave takes the shop's other order, never the held one.
        given().contentType(ContentType.JSON).body(s.f.order("api-10001", "B", 1)).post("/api/orders").then().statusCode(201);
        s.f.tote(1);
        plan(s.f);
        assertNull(s.f.text("select wave_id::text from orders where id = ?", order), "a held order is never waved");

        hook("fulfillment_orders/placed_on_hold", placedOnHold(501, "awaiting_payment", "payment pending")).statusCode(200)
                .body("outcome", equalTo("UNCHANGED"));
        hook("fulfillment_orders/hold_released", holdReleased(501)).statusCode(200).body("outcome", equalTo("RELEASED"));
        assertEquals("ALLOCATED", status(order));
        assertEquals(2, s.f.allocated("A"));
        assertEquals(1, shopify.seen("FulfillmentOrderOrder").size(), "the release found its order in the remembered hold");
        assertEquals(1, s.webhooks("HELD"));
        assertEquals(1, s.webhooks("RELEASED"));
    }

    @Test
    void shall_take_an_order_held_when_its_hold_arrives_before_the_create_and_keep_it_held_through_replays() throws Exception {
        shopify.order("10002", fo(502, "ON_HOLD")); // a TikTok order routed through Shopify, held at creation
        hook("fulfillment_orders/placed_on_hold", placedOnHold(502, "other", "TikTok order under review"))
                .statusCode(200).body("outcome", equalTo("REMEMBERED"));
        assertEquals(0, s.orders());

        long order = hook("orders/create", ShopifyWebhookTest.order(10002, true)).statusCode(200).body("outcome", equalTo("CREATED"))
                .extract().jsonPath().getLong("orderId");
        assertEquals("HELD", status(order));
        assertEquals(2, s.f.allocated("A"), "its units are reserved at once");
        // The same order again (a replayed create, an update) must not release it: Shopify has not.
        hook("orders/create", ShopifyWebhookTest.order(10002, true)).statusCode(200).body("outcome", equalTo("EXISTING"));
        hook("orders/updated", ShopifyWebhookTest.order(10002, true)).statusCode(200).body("outcome", equalTo("EXISTING"));
        assertEquals("HELD", status(order));

        hook("fulfillment_orders/hold_released", holdReleased(502)).statusCode(200).body("outcome", equalTo("RELEASED"));
        assertEquals("ALLOCATED", status(order));
    }

    @Test
    void shall_keep_the_order_held_until_its_last_held_fulfillment_order_is_released() throws Exception {
        shopify.order("10005", fo(505, "ON_HOLD"), fo(506, "ON_HOLD"));
        long order = hook("orders/create", ShopifyWebhookTest.order(10005, true)).statusCode(200).extract().jsonPath().getLong("orderId");
        hook("fulfillment_orders/placed_on_hold", placedOnHold(505, "other", "a")).statusCode(200).body("outcome", equalTo("HELD"));
        hook("fulfillment_orders/placed_on_hold", placedOnHold(506, "other", "b")).statusCode(200).body("outcome", equalTo("UNCHANGED"));
        // A hold released while another remains on the same fulfillment order: still on_hold.
        hook("fulfillment_orders/hold_released", "{\"fulfillment_order\": {\"id\": \"%s\", \"status\": \"on_hold\"}}".formatted(gid(505)))
                .statusCode(200).body("outcome", equalTo("UNCHANGED"));
        hook("fulfillment_orders/hold_released", holdReleased(505)).statusCode(200).body("outcome", equalTo("UNCHANGED"));
        assertEquals("HELD", status(order));
        hook("fulfillment_orders/hold_released", holdReleased(506)).statusCode(200).body("outcome", equalTo("RELEASED"));
        assertEquals("ALLOCATED", status(order));
    }

    @Test
    void shall_send_the_tracking_of_an_order_held_on_shopify_once_it_is_released_never_drop_it() throws Exception {
        shopify.order("10006", fo(507, "OPEN"));
        long order = hook("orders/create", ShopifyWebhookTest.order(10006, true)).statusCode(200).extract().jsonPath().getLong("orderId");
        shopify.fo(gid(507)).status = "ON_HOLD"; // held on Shopify after the parcel left (its webhook came too late)
        Floor.sql("update orders set status = 'SHIPPED' where id = ?", order);
        long event = s.f.count("""
                insert into outbox (topic, key, payload) select 'shipment.shipped', 'shopify:10006',
                  jsonb_build_object('orderId', id, 'shop', ?::text, 'channel', 'shopify', 'externalId', external_id, 'carrier', 'UPS',
                                     'service', 'GROUND', 'trackingNumber', '1ZHELD0000000001')
                  from orders where id = ? returning id""", s.f.shop, order); // as the handover writes it

        sender.runOnce();
        assertEquals(0, shopify.seen("fulfillmentCreate").size());
        assertNull(s.f.text("select sent_at::text from outbox where id = ?", event), "not taken as delivered");
        assertTrue(s.f.text("select last_error from outbox where id = ?", event).contains("ON_HOLD"));

        shopify.fo(gid(507)).status = "OPEN"; // released on Shopify
        Floor.sql("update outbox set next_attempt = now() where id = ?", event); // the back-off, skipped
        sender.runOnce();
        assertNotNull(s.f.text("select sent_at::text from outbox where id = ?", event));
        var sent = shopify.seen("fulfillmentCreate");
        assertEquals(1, sent.size());
        assertEquals("1ZHELD0000000001", sent.get(0).variables().path("fulfillment").path("trackingInfo").path("number").asText());
        assertEquals(gid(507), sent.get(0).variables().path("fulfillment").path("lineItemsByFulfillmentOrder").path(0).path("fulfillmentOrderId").asText());
    }

    @Test
    void shall_cancel_and_accept_a_cancellation_request_before_shipping_and_reject_it_after() throws Exception {
        shopify.order("10003", fo(503, "IN_PROGRESS"));
        shopify.order("10004", fo(504, "IN_PROGRESS"));
        long open = hook("orders/create", ShopifyWebhookTest.order(10003, true)).statusCode(200).extract().jsonPath().getLong("orderId");
        long gone = hook("orders/create", ShopifyWebhookTest.order(10004, true)).statusCode(200).extract().jsonPath().getLong("orderId");
        assertEquals(4, s.f.allocated("A"));
        Floor.sql("update orders set status = 'SHIPPED' where id = ?", gone); // as if packed and handed over

        hook("fulfillment_orders/cancellation_request_submitted", cancellationRequested(503)).statusCode(200)
                .body("outcome", equalTo("CANCELLED")).body("orderId", equalTo((int) open));
        assertEquals("CANCELLED", status(open));
        assertEquals(2, s.f.allocated("A"), "the cancelled order's units went back");
        hook("fulfillment_orders/cancellation_request_submitted", cancellationRequested(504)).statusCode(200)
                .body("outcome", equalTo("REFUSED"));
        assertEquals("SHIPPED", status(gone));

        sender.runOnce();
        var accepted = shopify.seen("fulfillmentOrderAcceptCancellationRequest");
        var rejected = shopify.seen("fulfillmentOrderRejectCancellationRequest");
        assertEquals(1, accepted.size());
        assertEquals(gid(503), accepted.get(0).variables().path("id").asText());
        assertEquals(1, rejected.size());
        assertEquals(gid(504), rejected.get(0).variables().path("id").asText());
        assertTrue(rejected.get(0).variables().path("message").asText().startsWith("Already shipped"), rejected.get(0).variables().toString());
        assertEquals("CLOSED", shopify.fo(gid(503)).status);
        assertEquals(0, s.f.count("select count(*) from outbox where topic = 'shopify.cancellation' and key like ? and sent_at is null",
                "shopify:%:" + gid(503)));
    }

    @Test
    void shall_answer_503_and_change_nothing_when_shopify_cannot_say_whose_fulfillment_order_it_is() throws Exception {
        shopify.order("10007", fo(508, "OPEN"));
        long order = hook("orders/create", ShopifyWebhookTest.order(10007, true)).statusCode(200).extract().jsonPath().getLong("orderId");
        shopify.canned.add(new FakeShopifyGraphql.Canned(502, null, "{}"));
        hook("fulfillment_orders/placed_on_hold", placedOnHold(508, "other", "x")).statusCode(503);
        assertEquals("ALLOCATED", status(order));
        assertEquals(1, s.webhooks("RETRY"));
        hook("fulfillment_orders/placed_on_hold", placedOnHold(508, "other", "x")).statusCode(200).body("outcome", equalTo("HELD"));
    }

    @Test
    void shall_take_an_update_of_an_order_never_created_with_its_company_and_shipping_method_and_cancel_on_cancelled_at() throws Exception {
        String updated = ShopifyWebhookTest.order(10008, true).replace("\"line_items\"",
                "\"shipping_lines\": [{\"title\": \"Express\", \"code\": \"EXPRESS_2D\"}], \"line_items\"");
        long order = hook("orders/updated", updated).statusCode(200).body("outcome", equalTo("CREATED")).extract().jsonPath().getLong("orderId");
        assertEquals("ALLOCATED|Müller Logistik GmbH|Express (EXPRESS_2D)",
                s.f.text("select concat_ws('|', status, ship_to_company, shipping_method) from orders where id = ?", order));
        hook("orders/updated", updated.replace("\"name\": \"#1001\"", "\"name\": \"#1001\", \"cancelled_at\": \"2026-11-20T11:00:00-05:00\""))
                .statusCode(200).body("outcome", equalTo("CANCELLED"));
        assertEquals("CANCELLED", status(order));
        assertEquals(0, s.f.allocated("A"));
        SignedIn.asAdmin();
        given().get("/api/orders/" + order + "/events").then().statusCode(200).body("actor", hasItem("shopify"));
    }
}
