package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconciliation against TikTok Shop: webhooks that never came are recovered from Get Order List (API 202309,
 * POST /order/202309/orders/search, filtered by update_time_ge/update_time_lt, paged by next_page_token), which
 * {@link FakeTikTokShop} serves in the documented shape. Nothing is sent to the webhook in these tests.
 */
@QuarkusTest
class TikTokReconciliationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    Floor f;
    FakeTikTokShop tiktok;
    long account;

    @BeforeEach
    void account() throws Exception {
        f = new Floor();
        String secret = "secret-" + UUID.randomUUID();
        tiktok = new FakeTikTokShop(secret);
        account = given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "channel", "tiktok",
                        "account", "7496" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L), "appKey", "6r" + f.zone.toLowerCase(),
                        "secret", secret, "accessToken", "TTP_" + f.zone, "baseUrl", tiktok.baseUrl(), "shipWithinHours", 24, "shopCipher", "ROW_" + f.zone))
                .post("/api/channels/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
        f.sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 200);
        given().contentType(ContentType.JSON).body(List.of(Map.of("channelSku", "1729" + f.zone, "sku", "A", "safetyBuffer", 0, "channelProductId", "17290001")))
                .put("/api/channels/accounts/" + account + "/skus").then().statusCode(200);
    }

    @AfterEach
    void close() {
        SignedIn.asAdmin();
        tiktok.close();
    }

    void put(String id, String status, Instant updated, int units) throws Exception {
        String[] items = new String[units * 2];
        for (int i = 0; i < units; i++) { items[2 * i] = "1729" + f.zone; items[2 * i + 1] = "A"; }
        ObjectNode o = (ObjectNode) JSON.readTree(FakeTikTokShop.order(id, status, Instant.now().plus(30, ChronoUnit.HOURS).getEpochSecond(), items));
        o.put("update_time", updated.getEpochSecond());
        tiktok.orders.put(id, JSON.writeValueAsString(o));
    }

    JsonPath reconcile() {
        return given().post("/api/channels/reconciliation/" + account).then().statusCode(200).extract().jsonPath();
    }

    String status(String id) {
        return f.text("select o.status from orders o join shop s on s.id = o.shop_id where s.code = ? and o.external_id = ?", f.shop, id);
    }

    @Test
    void shall_recover_orders_whose_webhooks_never_came_and_count_them_on_the_run() throws Exception {
        Instant now = Instant.now().minus(1, ChronoUnit.MINUTES);
        // 130 orders (two pages of 100): awaiting shipment, on hold, and one cancelled before Surge ever saw it.
        for (int i = 0; i < 128; i++) put("58" + i + f.zone.substring(1), "AWAITING_SHIPMENT", now.minusSeconds(i), 1);
        put("59h" + f.zone.substring(1), "ON_HOLD", now, 2);
        put("59c" + f.zone.substring(1), "CANCELLED", now, 2);
        JsonPath run = reconcile();
        assertEquals(130, run.getInt("seen"));
        assertEquals(130, run.getInt("recovered"), "every order the webhooks missed, the cancelled one kept as cancelled");
        assertEquals("ALLOCATED", status("580" + f.zone.substring(1)));
        assertEquals("HELD", status("59h" + f.zone.substring(1)));
        assertEquals("CANCELLED", status("59c" + f.zone.substring(1)));
        assertEquals(130, f.allocated("A"));
        assertTrue(tiktok.searches.get() >= 2, "paged through next_page_token");

        // The next run finds nothing new: the same orders again change nothing.
        JsonPath again = reconcile();
        assertEquals(0, again.getInt("recovered"));
        assertEquals(130, f.allocated("A"));

        // The held order is released and another is cancelled on TikTok, with no webhook for either.
        Instant later = Instant.now().minusSeconds(20);
        put("59h" + f.zone.substring(1), "AWAITING_SHIPMENT", later, 2);
        put("580" + f.zone.substring(1), "CANCEL", later, 1);
        JsonPath third = reconcile();
        assertEquals(2, third.getInt("recovered"));
        assertEquals("ALLOCATED", status("59h" + f.zone.substring(1)));
        assertEquals("CANCELLED", status("580" + f.zone.substring(1)));
        assertEquals(129, f.allocated("A"));
        given().queryParam("account", account).get("/api/channels/reconciliation").then().statusCode(200)
                .body("[0].recovered", equalTo(2)).body("[2].recovered", equalTo(130));
        given().queryParam("shop", f.shop).get("/api/board").then().statusCode(200)
                .body("exceptions.recoveredLastHour", equalTo(132)).body("exceptions.heldByChannels", equalTo(0));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_keep_the_watermark_when_tiktok_is_down_so_the_next_run_covers_the_window_again() throws Exception {
        Instant now = Instant.now().minus(1, ChronoUnit.MINUTES);
        put("57d" + f.zone.substring(1), "AWAITING_SHIPMENT", now, 1);
        tiktok.down = true;
        JsonPath failed = reconcile();
        assertTrue(failed.getString("error").contains("503"), failed.prettify());
        assertEquals(null, status("57d" + f.zone.substring(1)));
        tiktok.down = false;
        JsonPath run = reconcile();
        assertEquals(1, run.getInt("recovered"));
        assertEquals(failed.getString("since"), run.getString("since"), "the failed window is looked at again");
    }
}
