package io.surgewms.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads who is calling: an API key ({@code Authorization: Bearer sk_…} or {@code X-Api-Key}) for
 * channels and scripts, else the session cookie of a signed-in browser. Nobody: the request goes on
 * anonymous and the endpoint's rule decides. A browser asking for a page is sent to the sign-in
 * page; everything else gets 401.
 */
@ApplicationScoped
public class SurgeAuthMechanism implements HttpAuthenticationMechanism {

    public static final String SESSION_COOKIE = "surge_session", CSRF_COOKIE = "surge_csrf";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager identities) {
        String auth = ctx.request().getHeader("Authorization");
        String key = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : ctx.request().getHeader("X-Api-Key");
        if (key != null && !key.isBlank()) return identities.authenticate(new TokenRequest(TokenRequest.Kind.KEY, key.trim()));
        Cookie session = ctx.request().getCookie(SESSION_COOKIE);
        if (session != null && !session.getValue().isBlank())
            return identities.authenticate(new TokenRequest(TokenRequest.Kind.SESSION, session.getValue()));
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        boolean page = ctx.request().method() == HttpMethod.GET && accept != null && accept.contains("text/html")
                && !ctx.normalizedPath().startsWith("/api/");
        if (page) {
            String next = URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
            return Uni.createFrom().item(new ChallengeData(302, "Location", "/login?next=" + next));
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"surge\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenRequest.class);
    }
}
