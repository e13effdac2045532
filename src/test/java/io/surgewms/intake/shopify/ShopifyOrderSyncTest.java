package io.surgewms.intake.shopify;

import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelAccounts;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconciliation reads the orders Shopify changed since an instant (GraphQL {@code orders} connection, paged; shapes
 * from https://shopify.dev/docs/api/admin-graphql/2026-10/queries/orders, served by {@link FakeShopifyGraphql}) and
 * brings Surge to the same state the webhooks would have.
 */
@QuarkusTest
class ShopifyOrderSyncTest {

    @Inject ShopifyOrderSync sync;
    @Inject ChannelAccounts accounts;

    FakeShopifyGraphql shopify;
    ShopifyWebhookTest.Store s;
    ChannelAccount account;

    @BeforeEach
    void start() throws Exception {
        shopify = new FakeShopifyGraphql();
        s = new ShopifyWebhookTest.Store();
        SignedIn.asAdmin();
        Floor.sql("update channel_account set base_url = ? where account = ?", shopify.baseUrl(), s.domain);
        account = accounts.activeFor(s.f.count("select id from shop where code = ?", s.f.shop), "shopify");
    }

    @AfterEach
    void stop() {
        shopify.close();
    }

    static String node(long id, String cancelledAt, String foStatus, String hold) {
        return """
                {"id": "gid://shopify/Order/%1$d", "legacyResourceId": "%1$d", "createdAt": "2026-12-07T10:00:00Z", "updatedAt": "2026-12-08T01:0%2$d:00Z",
                 "cancelledAt": %3$s, "email": "ana@example.com",
                 "shippingAddress": {"name": "Ana Ruiz", "firstName": "Ana", "lastName": "Ruiz", "company": "Ruiz SL", "address1": "Calle 1",
                   "address2": null, "city": "Austin", "provinceCode": "TX", "zip": "78701", "countryCodeV2": "US", "phone": null},
                 "shippingLine": {"title": "Standard", "code": "STANDARD"},
                 "lineItems": {"nodes": [
                   {"id": "gid://shopify/LineItem/1", "sku": "SHOPIFY-SIDE", "quantity": 3, "currentQuantity": 2, "requiresShipping": true,
                    "variant": {"legacyResourceId": "4001"}}]},
                 "fulfillmentOrders": {"nodes": [{"id": "gid://shopify/FulfillmentOrder/%1$d", "status": "%4$s",
                   "fulfillmentHolds": [%5$s]}]}}""".formatted(id, id % 10, cancelledAt == null ? "null" : "\"" + cancelledAt + "\"", foStatus,
                hold == null ? "" : "{\"reason\": \"" + hold + "\", \"reasonNotes\": null}");
    }

    @Test
    void shall_list_orders_updated_since_page_by_page_mapped_as_their_webhooks_and_apply_them() throws Exception {
        // 20003 was taken by a webhook; Shopify cancelled it later and that webhook was lost.
        long cancelled = ShopifyWebhookTest.signed(s, "orders/create", ShopifyWebhookTest.order(20003, true)).statusCode(200)
                .extract().jsonPath().getLong("orderId");
        shopify.orderPages.add("[" + node(20001, null, "OPEN", null) + "," + node(20002, null, "ON_HOLD", "AWAITING_PAYMENT") + "]");
        shopify.orderPages.add("[" + node(20003, "2026-12-08T01:03:00Z", "CANCELLED", null) + "]");

        List<ShopifyOrderSync.Reconciled> got = sync.ordersUpdatedSince(account, Instant.parse("2026-12-08T01:00:00.123Z"), 50);
        assertEquals(List.of("20001", "20002", "20003"), got.stream().map(ShopifyOrderSync.Reconciled::orderId).toList());
        var asked = shopify.seen("OrdersUpdatedSince");
        assertEquals(2, asked.size(), "two pages");
        assertEquals("updated_at:>='2026-12-08T01:00:00Z'", asked.get(0).variables().path("query").asText());
        assertEquals("p1", asked.get(1).variables().path("after").asText());

        ShopifyOrderSync.Reconciled open = got.get(0), held = got.get(1), gone = got.get(2);
        assertEquals("Ruiz SL", open.mapped().order().shipTo().company());
        assertEquals("Standard", open.mapped().order().shippingMethod(), "a code that only repeats the title is left out");
        assertEquals("A", open.mapped().order().lines().get(0).sku(), "variant 4001 through channel_sku");
        assertEquals(2, open.mapped().order().lines().get(0).quantity(), "what is still to ship after edits");
        assertFalse(open.held());
        assertTrue(held.held());
        assertEquals("on hold on Shopify: AWAITING_PAYMENT", held.mapped().order().hold());
        assertTrue(gone.cancelled());
        assertEquals(Instant.parse("2026-12-08T01:03:00Z"), gone.updatedAt());

        for (ShopifyOrderSync.Reconciled r : got) sync.apply(account, r).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals("ALLOCATED|HELD", s.f.text("""
                select string_agg(status, '|' order by external_id) from orders o join shop x on x.id = o.shop_id
                 where x.code = ? and external_id in ('20001', '20002')""", s.f.shop));
        assertEquals("CANCELLED", s.f.text("select status from orders where id = ?", cancelled));
        assertEquals(4, s.f.allocated("A"), "two held or allocated orders of two units each; the cancelled one gave its units back");

        assertEquals(1, sync.ordersUpdatedSince(account, Instant.parse("2026-12-08T01:00:00Z"), 1).size(), "at most max");
        assertEquals(1, shopify.seen("OrdersUpdatedSince").get(2).variables().path("first").asInt());
    }

    @Test
    void shall_recover_missed_shopify_webhooks_in_a_scheduled_reconciliation_run() throws Exception {
        long cancelled = ShopifyWebhookTest.signed(s, "orders/create", ShopifyWebhookTest.order(20013, true)).statusCode(200)
                .extract().jsonPath().getLong("orderId");
        shopify.orderPages.add("[" + node(20011, null, "OPEN", null) + "," + node(20012, null, "ON_HOLD", "HIGH_RISK_OF_FRAUD") + "]");
        shopify.orderPages.add("[" + node(20013, "2026-12-08T01:03:00Z", "CANCELLED", null) + "]");
        long accountId = account.id();
        io.restassured.path.json.JsonPath run = io.restassured.RestAssured.given().post("/api/channels/reconciliation/" + accountId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, run.getInt("seen"));
        assertEquals(3, run.getInt("recovered"), "one taken, one taken held, one cancelled: three webhooks Shopify never delivered");
        assertEquals(null, run.getString("error"));
        assertEquals("ALLOCATED|HELD", s.f.text("""
                select string_agg(status, '|' order by external_id) from orders o join shop x on x.id = o.shop_id
                 where x.code = ? and external_id in ('20011', '20012')""", s.f.shop));
        assertEquals("CANCELLED", s.f.text("select status from orders where id = ?", cancelled));
    }
}
