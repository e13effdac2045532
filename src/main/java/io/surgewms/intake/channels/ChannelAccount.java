package io.surgewms.intake.channels;

/** A shop's account on a channel (table channel_account). The secret never leaves the service. */
public record ChannelAccount(long id, long shopId, String shop, String channel, String account, String appKey, String secret,
                             String accessToken, String baseUrl, String defaultCarrier, String defaultService,
                             int shipWithinHours, boolean active) {}
