package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.inventory.stocksync.StockSync;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.plan;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Held orders from TikTok Shop (issue 19). TikTok holds a new order ON_HOLD for the buyer's cancellation window
 * before it becomes AWAITING_SHIPMENT (order statuses of Get Order Detail, API 202309; the ORDER_STATUS_CHANGE
 * webhook, type 1, carries data.order_status and data.update_time). Those units are sold: they must stop counting
 * as available at once, on every channel. The TikTok side is {@link FakeTikTokShop}, replaying those shapes.
 */
@QuarkusTest
class TikTokHeldOrdersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject StockSync stockSync;

    Floor f;
    FakeTikTokShop tiktok;
    String shopId, appKey, secret;
    long account;

    @BeforeEach
    void account() throws Exception {
        f = new Floor();
        shopId = "7495" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        appKey = "6h" + f.zone.toLowerCase();
        secret = "secret-" + UUID.randomUUID();
        tiktok = new FakeTikTokShop(secret);
        account = given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "channel", "tiktok", "account", shopId, "appKey", appKey,
                        "secret", secret, "accessToken", "TTP_" + f.zone, "baseUrl", tiktok.baseUrl(), "shipWithinHours", 24, "shopCipher", "ROW_" + f.zone))
                .post("/api/channels/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
        f.sku("A");
        given().contentType(ContentType.JSON).body(List.of(Map.of("channelSku", "1729" + f.zone, "sku", "A", "safetyBuffer", 0, "channelProductId", "17290001")))
                .put("/api/channels/accounts/" + account + "/skus").then().statusCode(200);
    }

    @AfterEach
    void close() {
        SignedIn.asAdmin();
        tiktok.close();
    }

    /** TikTok's order in a status; while ON_HOLD its address comes masked and incomplete (no street, no city). */
    String order(String id, String status, long updateTime, int units) throws Exception {
        String[] items = new String[units * 2];
        for (int i = 0; i < units; i++) { items[2 * i] = "1729" + f.zone; items[2 * i + 1] = "A"; }
        ObjectNode o = (ObjectNode) JSON.readTree(FakeTikTokShop.order(id, status, Instant.now().plus(30, ChronoUnit.HOURS).getEpochSecond(), items));
        o.put("update_time", updateTime);
        if (status.equals("ON_HOLD")) {
            ObjectNode ra = (ObjectNode) o.path("recipient_address");
            ra.put("name", "A***");
            ra.remove(List.of("address_line1", "address_line2", "address_detail", "full_address", "district_info"));
        }
        return JSON.writeValueAsString(o);
    }

    String notification(String id, String status, long updateTime) {
        return """
                {"type":1,"tts_notification_id":"%s","shop_id":"%s","timestamp":%d,
                 "data":{"order_id":"%s","order_status":"%s","update_time":%d}}""".formatted(UUID.randomUUID(), shopId,
                Instant.now().getEpochSecond(), id, status, updateTime);
    }

    io.restassured.response.Response signed(String body) {
        SignedIn.anonymous();
        var r = given().contentType(ContentType.JSON).body(body).header("Authorization", TikTokSignature.webhook(appKey, secret, body))
                .post("/api/channels/tiktok/webhook");
        SignedIn.asAdmin();
        return r;
    }

    /**
     * What TikTok Shop (and every other channel mapped to A) is told is available, once the stock sync has queued the
     * level expected (or after 10 s, whatever it then is). The scheduled sync may hold the change rows when this run
     * looks, so it is asked again rather than read once.
     */
    int levelQueued(int expected) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        Integer level;
        do {
            stockSync.runOnce();
            level = given().queryParam("shop", f.shop).queryParam("sku", "A").get("/api/channels/stock").then().statusCode(200)
                    .extract().jsonPath().get("[0].queued");
            if (level != null && level == expected) return level;
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        return level == null ? -1 : level;
    }

    @Test
    void shall_reserve_a_held_order_at_once_lower_the_channels_level_and_never_wave_it() throws Exception {
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        assertEquals(10, levelQueued(10));
        String id = "5780" + f.zone.substring(1);
        long now = Instant.now().getEpochSecond();
        tiktok.orders.put(id, order(id, "ON_HOLD", now, 3));
        long held = signed(notification(id, "ON_HOLD", now)).then().statusCode(200).body("outcome", equalTo("CREATED"))
                .extract().jsonPath().getLong("orderId");
        given().get("/api/orders/" + held).then().body("status", equalTo("HELD")).body("units", equalTo(3));
        assertEquals(3, f.allocated("A"), "a held order's units are reserved at once");
        assertEquals(7, levelQueued(7), "the level every channel is told drops with the held order");

        // A wave takes the shop's other order, never the held one.
        given().contentType(ContentType.JSON).body(f.order("api-" + id, "A", 1)).post("/api/orders").then().statusCode(201);
        f.tote(1);
        plan(f);
        assertNull(f.text("select wave_id::text from orders where id = ?", held), "a held order is never waved");
        assertEquals("HELD", f.text("select status from orders where id = ?", held));
    }

    @Test
    void shall_release_a_held_order_with_its_address_when_tiktok_says_awaiting_shipment() throws Exception {
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        String id = "5781" + f.zone.substring(1);
        long now = Instant.now().getEpochSecond();
        tiktok.orders.put(id, order(id, "ON_HOLD", now, 2));
        long held = signed(notification(id, "ON_HOLD", now)).then().statusCode(200).extract().jsonPath().getLong("orderId");
        tiktok.orders.put(id, order(id, "AWAITING_SHIPMENT", now + 3600, 2));
        signed(notification(id, "AWAITING_SHIPMENT", now + 3600)).then().statusCode(200).body("outcome", equalTo("RELEASED"))
                .body("orderId", equalTo((int) held));
        given().get("/api/orders/" + held).then().body("status", equalTo("ALLOCATED"))
                .body("shipTo.name", equalTo("Ada Buyer")).body("shipTo.line1", equalTo("1 Main St")).body("shipTo.city", equalTo("Austin"));
        assertEquals(2, f.allocated("A"), "released with the units it held, not reserved twice");
        assertEquals("HELD>ALLOCATED", f.text("select string_agg(from_status || '>' || to_status, ',' order by id) from order_event"
                + " where order_id = ? and from_status = 'HELD'", held));
        // The release again changes nothing.
        signed(notification(id, "AWAITING_SHIPMENT", now + 3600)).then().statusCode(200).body("outcome", equalTo("EXISTING"));
        assertEquals(2, f.allocated("A"));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_give_back_the_units_of_a_held_order_tiktok_cancels_in_either_spelling() throws Exception {
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        long now = Instant.now().getEpochSecond();
        for (String spelling : List.of("CANCELLED", "CANCEL")) {
            String id = "5782" + spelling.length() + f.zone.substring(1);
            tiktok.orders.put(id, order(id, "ON_HOLD", now, 4));
            long held = signed(notification(id, "ON_HOLD", now)).then().statusCode(200).extract().jsonPath().getLong("orderId");
            assertEquals(4, f.allocated("A"));
            tiktok.orders.put(id, order(id, spelling, now + 60, 4));
            signed(notification(id, spelling, now + 60)).then().statusCode(200).body("outcome", equalTo("CANCELLED"));
            given().get("/api/orders/" + held).then().body("status", equalTo("CANCELLED"));
            assertEquals(0, f.allocated("A"), spelling + " gives the held units back");
        }
        assertEquals(10, levelQueued(10));
    }

    @Test
    void shall_keep_a_held_order_short_of_stock_waiting_and_reserve_it_when_stock_arrives() throws Exception {
        f.receive("A", f.bin("PICK_FACE", 1), 1);
        String id = "5783" + f.zone.substring(1);
        long now = Instant.now().getEpochSecond();
        tiktok.orders.put(id, order(id, "ON_HOLD", now, 2));
        long held = signed(notification(id, "ON_HOLD", now)).then().statusCode(200).extract().jsonPath().getLong("orderId");
        given().get("/api/orders/" + held).then().body("status", equalTo("HELD"));
        assertEquals(0, f.allocated("A"), "all or nothing: one unit short, none reserved");
        f.receive("A", f.bin("PICK_FACE", 2), 5);
        assertEquals(2, f.allocated("A"), "stock that arrives goes to the held order like to a backorder");
        given().get("/api/orders/" + held).then().body("status", equalTo("HELD")).body("backorderReason", nullValue());
        tiktok.orders.put(id, order(id, "AWAITING_SHIPMENT", now + 60, 2));
        signed(notification(id, "AWAITING_SHIPMENT", now + 60)).then().statusCode(200).body("outcome", equalTo("RELEASED"));
        given().get("/api/orders/" + held).then().body("status", equalTo("ALLOCATED"));
    }

    @Test
    void shall_cancel_on_the_notification_when_tiktoks_order_detail_still_lags_behind_it() throws Exception {
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        String id = "5784" + f.zone.substring(1);
        long now = Instant.now().getEpochSecond();
        tiktok.orders.put(id, order(id, "AWAITING_SHIPMENT", now, 2));
        long order = signed(notification(id, "AWAITING_SHIPMENT", now)).then().statusCode(200).extract().jsonPath().getLong("orderId");
        // The cancellation's notification is newer than what Get Order Detail still answers.
        signed(notification(id, "CANCELLED", now + 30)).then().statusCode(200).body("outcome", equalTo("CANCELLED"));
        given().get("/api/orders/" + order).then().body("status", equalTo("CANCELLED"));
        assertEquals(0, f.allocated("A"));
    }

    @Test
    void shall_ask_tiktok_to_send_again_a_notification_its_order_detail_does_not_show_yet() throws Exception {
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        String id = "5785" + f.zone.substring(1);
        long now = Instant.now().getEpochSecond();
        // TikTok notifies an order awaiting shipment before Get Order Detail knows it.
        signed(notification(id, "AWAITING_SHIPMENT", now)).then().statusCode(503);
        assertEquals(0, f.count("select count(*) from orders where shop_id = (select id from shop where code = ?)", f.shop));
        tiktok.orders.put(id, order(id, "AWAITING_SHIPMENT", now, 1));
        signed(notification(id, "AWAITING_SHIPMENT", now)).then().statusCode(200).body("outcome", equalTo("CREATED"));
        assertEquals(1, f.allocated("A"));
    }

    @Test
    void shall_refuse_an_order_that_arrives_after_its_cancellation() throws Exception {
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        String id = "5786" + f.zone.substring(1);
        long now = Instant.now().getEpochSecond();
        tiktok.orders.put(id, order(id, "CANCELLED", now + 60, 2));
        signed(notification(id, "CANCELLED", now + 60)).then().statusCode(200).body("outcome", equalTo("CANCELLED"));
        // A late, out-of-order notification whose fetch (at a lagging replica) still shows it awaiting shipment.
        tiktok.orders.put(id, order(id, "AWAITING_SHIPMENT", now, 2));
        signed(notification(id, "AWAITING_SHIPMENT", now)).then().statusCode(200).body("outcome", equalTo("EXISTING"));
        assertEquals(0, f.allocated("A"), "a cancelled order is never taken, whatever order the webhooks come in");
        assertEquals("CANCELLED", f.text("select status from orders o join shop s on s.id = o.shop_id where s.code = ? and o.external_id = ?", f.shop, id));
    }
}
