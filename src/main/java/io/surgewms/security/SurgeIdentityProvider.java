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

    @Override
    public Uni<SecurityIdentity> authenticate(TokenRequest req, AuthenticationRequestContext ctx) {
        return ctx.runBlocking(() -> {
            Caller c = req.kind == TokenRequest.Kind.KEY ? keys.find(req.secret) : sessions.find(req.secret);
            if (c == null) throw new AuthenticationFailedException(req.kind == TokenRequest.Kind.KEY
                    ? "unknown or revoked API key" : "session expired or signed out");
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(c.name()))
                    .addRoles(c.roles())
                    .addAttribute(SHOPS, c.shops())
                    .addAttribute(CSRF, c.csrf() == null ? "" : c.csrf())
                    .addAttribute(VIA, req.kind.name())
                    .build();
        });
    }
}
