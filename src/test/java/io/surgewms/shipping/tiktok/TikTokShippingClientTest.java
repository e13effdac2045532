package io.surgewms.shipping.tiktok;

import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierException.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TikTok's non-zero codes as the label worker needs them: codes from TikTok Shop Partner Center's "Common errors"
 * (https://partner.tiktokshop.com/docv2/page/678e3a45786253031531b942) and the error lists of Create Packages and
 * Ship Package (…/650aa132bace3e02b75d40d8, …/650aa4f1defece02be6e7cb1).
 */
class TikTokShippingClientTest {

    @Test
    void shall_sort_tiktok_codes_into_what_the_worker_does_next() {
        assertEquals(Kind.AUTH, TikTokShippingClient.kindOf(105002));        // expired access token
        assertEquals(Kind.AUTH, TikTokShippingClient.kindOf(105005));        // scope not granted
        assertEquals(Kind.RATE_LIMITED, TikTokShippingClient.kindOf(36009002));
        assertEquals(Kind.UNAVAILABLE, TikTokShippingClient.kindOf(36009003)); // internal error, try again
        assertEquals(Kind.UNAVAILABLE, TikTokShippingClient.kindOf(11034037)); // document still being generated
        assertEquals(Kind.TIMEOUT, TikTokShippingClient.kindOf(36009007));
        assertEquals(Kind.ADDRESS, TikTokShippingClient.kindOf(11021024));     // buyer address invalid
        assertEquals(Kind.REJECTED, TikTokShippingClient.kindOf(21011037));    // no shipping service for the package
    }

    @Test
    void shall_name_tiktoks_code_and_message_with_a_hint_for_operators() {
        CarrierException e = TikTokShippingClient.refused("GET /fulfillment/202309/packages/1", 105002, "Expired credentials.", "2024req");
        assertEquals(Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("code 105002 Expired credentials.") && e.getMessage().contains("reconnect the TikTok shop")
                && e.getMessage().contains("2024req"), e.getMessage());
    }

    @Test
    void shall_ask_for_the_missing_secret_by_name_only() {
        CarrierCredentials account = new CarrierCredentials(9, "tiktok", null, Map.of("appKey", "6a1b2c", "accessToken", "TTP_token_9"), Map.of());
        CarrierException e = assertThrows(CarrierException.class, () -> new TikTokShippingClient(account, Duration.ofSeconds(1)));
        assertEquals(Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("has no appSecret"), e.getMessage());
        assertFalse(e.getMessage().contains("TTP_token_9"));
    }
}
