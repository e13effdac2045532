package io.surgewms.intake.channels;

/** Trades a refresh token for new tokens at one channel's token endpoint (a CDI bean per channel that has one). */
public interface ChannelTokenRefresher {

    String channel();

    /** authUrl: the account's token endpoint host, or null for the configured one. */
    ChannelTokens.Tokens refresh(ChannelAccount account, String refreshToken, String authUrl) throws ChannelException, InterruptedException;
}
