package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelException;
import io.surgewms.intake.channels.ChannelException.Kind;
import io.surgewms.intake.channels.ChannelTokenRefresher;
import io.surgewms.intake.channels.ChannelTokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * TikTok Shop's token refresh: {@code GET <auth host>/api/v2/token/refresh?app_key=&app_secret=&refresh_token=&grant_type=refresh_token}
 * on the auth host (auth.tiktok-shops.com; the account's auth URL for a sandbox or a fake), answering
 * {@code data.access_token}, {@code access_token_expire_in}, {@code refresh_token}, {@code refresh_token_expire_in}.
 * TikTok's examples show the two expire_in values as Unix times (e.g. 1722342011), not durations; a small value is
 * read as seconds from now, so either reading gives the right instant.
 */
@ApplicationScoped
public class TikTokTokens implements ChannelTokenRefresher {

    @ConfigProperty(name = "surge.channels.tiktok.auth-url", defaultValue = "https://auth.tiktok-shops.com") String defaultAuthUrl;
    @ConfigProperty(name = "surge.channels.http-timeout", defaultValue = "10s") Duration timeout;

    @Override
    public String channel() {
        return "tiktok";
    }

    @Override
    public ChannelTokens.Tokens refresh(ChannelAccount a, String refreshToken, String authUrl) throws ChannelException, InterruptedException {
        String base = (authUrl == null || authUrl.isBlank() ? defaultAuthUrl : authUrl).replaceAll("/+$", "");
        // the app secret travels in the query here, as TikTok's token endpoint takes it: never log this URL
        URI uri = URI.create(base + "/api/v2/token/refresh?app_key=" + TikTokClient.enc(a.appKey() == null ? "" : a.appKey())
                + "&app_secret=" + TikTokClient.enc(a.secret() == null ? "" : a.secret()) + "&refresh_token=" + TikTokClient.enc(refreshToken)
                + "&grant_type=refresh_token");
        String what = "TikTok token refresh for account " + a.id();
        JsonNode data = TikTokClient.answer(TikTokClient.exchange(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), what), what).path("data");
        String access = data.path("access_token").asText("");
        if (access.isBlank()) throw new ChannelException(Kind.REJECTED, what + ": the answer has no access_token");
        String refresh = data.path("refresh_token").asText("");
        return new ChannelTokens.Tokens(access, expiry(data.path("access_token_expire_in").asLong(0)),
                refresh.isBlank() ? null : refresh, expiry(data.path("refresh_token_expire_in").asLong(0)));
    }

    /** A Unix time as TikTok's examples give it; a value too small to be one (under ~2001) is a duration in seconds. */
    static Instant expiry(long value) {
        if (value <= 0) return null;
        return value >= 1_000_000_000L ? Instant.ofEpochSecond(value) : Instant.now().plusSeconds(value);
    }
}
