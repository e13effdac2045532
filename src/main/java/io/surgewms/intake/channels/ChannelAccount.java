package io.surgewms.intake.channels;

import java.time.Instant;

/**
 * A shop's account on a channel (table channel_account), its secrets opened: for the service's own use, never
 * shown. shopCipher is TikTok's shop_cipher; pausedUntil is set while the channel has asked us to wait.
 */
public record ChannelAccount(long id, long shopId, String shop, String channel, String account, String appKey, String secret,
                             String accessToken, String baseUrl, String defaultCarrier, String defaultService,
                             int shipWithinHours, boolean active, String shopCipher, Instant pausedUntil) {

    public ChannelAccount(long id, long shopId, String shop, String channel, String account, String appKey, String secret,
                          String accessToken, String baseUrl, String defaultCarrier, String defaultService,
                          int shipWithinHours, boolean active) {
        this(id, shopId, shop, channel, account, appKey, secret, accessToken, baseUrl, defaultCarrier, defaultService,
                shipWithinHours, active, null, null);
    }

    /** The same account with a new access token (after a refresh). */
    public ChannelAccount withAccessToken(String token) {
        return new ChannelAccount(id, shopId, shop, channel, account, appKey, secret, token, baseUrl, defaultCarrier, defaultService,
                shipWithinHours, active, shopCipher, pausedUntil);
    }
}
