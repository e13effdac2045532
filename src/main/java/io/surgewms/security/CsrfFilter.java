package io.surgewms.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemMappers;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Double-submit CSRF check: a change made with a session cookie must carry the session's CSRF token
 * in {@code X-CSRF-Token} (the page reads it from the non-HttpOnly {@code surge_csrf} cookie, which
 * another site cannot). API keys travel in a header a browser never adds by itself, so they are exempt.
 */
public class CsrfFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject SecurityIdentity identity;

    @ServerRequestFilter
    public Response check(ContainerRequestContext ctx) {
        if (SAFE.contains(ctx.getMethod()) || identity.isAnonymous()) return null;
        if (!TokenRequest.Kind.SESSION.name().equals(identity.getAttribute(SurgeIdentityProvider.VIA))) return null;
        String expected = identity.getAttribute(SurgeIdentityProvider.CSRF);
        String sent = ctx.getHeaderString("X-CSRF-Token");
        if (expected != null && sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8)))
            return null;
        return ProblemMappers.response(Problem.of(403, "CSRF token missing or wrong",
                "A change from a signed-in page must send the X-CSRF-Token header (the surge_csrf cookie's value)"));
    }
}
