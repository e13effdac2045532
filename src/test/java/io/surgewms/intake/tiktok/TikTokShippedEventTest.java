package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shipment.shipped event of a TikTok order, sent by {@link TikTokClient} to {@link FakeTikTokShop} (the
 * TikTok cloud cannot be reached from here). When TikTok sold the label ("shipped by TikTok"), TikTok already
 * has the package and its tracking number: Mark Package As Shipped must not be called with it.
 */
class TikTokShippedEventTest {

    static final ObjectMapper JSON = new ObjectMapper();
    FakeTikTokShop tiktok;
    TikTokClient client;
    ChannelAccount account;

    @BeforeEach
    void start() throws Exception {
        tiktok = new FakeTikTokShop("shipped-event-secret", "ROW_shipped");
        client = new TikTokClient();
        client.defaultBaseUrl = tiktok.baseUrl();
        client.timeout = Duration.ofSeconds(5);
        account = new ChannelAccount(1, 1, "SHOP", "tiktok", "7494001", "6akey", "shipped-event-secret", "TTP_token",
                tiktok.baseUrl(), "USPS", "GROUND", 24, true, "ROW_shipped", null);
    }

    @AfterEach
    void stop() {
        tiktok.close();
    }

    ObjectNode shipped(String orderId) {
        ObjectNode p = JSON.createObjectNode();
        p.put("orderId", 41).put("channel", "tiktok").put("externalId", orderId).put("trackingNumber", "9400111899560000000001").put("carrier", "USPS");
        return p;
    }

    @Test
    void shall_not_mark_as_shipped_a_package_whose_label_tiktok_sold() throws Exception {
        client.send(account, "shipment.shipped", shipped("5770001").put("labelProvider", "tiktok"));
        assertEquals(0, tiktok.calls("/fulfillment/").size(), "TikTok has the tracking of its own label");
    }

    @Test
    void shall_mark_as_shipped_a_package_on_surges_own_label() throws Exception {
        client.send(account, "shipment.shipped", shipped("5770002").put("labelProvider", "own"));
        client.send(account, "shipment.shipped", shipped("5770003"));
        assertEquals(2, tiktok.calls("/fulfillment/").size());
        assertEquals("/fulfillment/202309/orders/5770003/packages", tiktok.calls("/fulfillment/").get(1).path());
        assertEquals("9400111899560000000001", tiktok.calls("/fulfillment/").get(1).body().path("tracking_number").asText());
        assertEquals("ROW_shipped", tiktok.calls("/fulfillment/").get(1).query().get("shop_cipher"), "a shop-scoped call names the shop");
    }
}
