package io.surgewms.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a session token or an API key into an identity: name, roles (a key's scopes), shops. */
@ApplicationScoped
public class SurgeIdentityProvider implements IdentityProvider<TokenRequest> {

    static final String SHOPS = "surge.shops", CSRF = "surge.csrf", VIA = "surge.via";

    @Inject Sessions sessions;
    @Inject ApiKeys keys;

    @Override
    public Class<TokenRequest> getRequestType() {
        return TokenRequest.class;
    }

    /**
     * A caller seen lately is answered from the cache on the I/O thread; only a miss goes to a worker for the
     * database. Every floor call is authenticated, and the hop to a worker and back cost two thread switches each.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenRequest req, AuthenticationRequestContext ctx) {
        boolean key = req.kind == TokenRequest.Kind.KEY;
        Caller hit = key ? keys.cached(req.secret) : sessions.cached(req.secret);
        if (hit != null) return Uni.createFrom().item(identity(hit, req));
        return ctx.runBlocking(() -> {
            Caller c = key ? keys.find(req.secret) : sessions.find(req.secret);
            if (c == null) throw new AuthenticationFailedException(key ? "unknown or revoked API key" : "session expired or signed out");
            return identity(c, req);
        });
    }

    private static SecurityIdentity identity(Caller c, TokenRequest req) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(c.name()))
                .addRoles(c.roles())
                .addAttribute(SHOPS, c.shops())
                .addAttribute(CSRF, c.csrf() == null ? "" : c.csrf())
                .addAttribute(VIA, req.kind.name())
                .build();
    }
}
