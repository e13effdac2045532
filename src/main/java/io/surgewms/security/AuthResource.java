package io.surgewms.security;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sign-in and sign-out for browsers, handhelds and pack stations. The session cookie is HttpOnly and
 * SameSite=Strict (Secure over HTTPS); the page sends the CSRF cookie's value back in a header with
 * every change ({@link CsrfFilter}).
 */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-in")
public class AuthResource {

    @Inject SignIn signIn;
    @Inject Sessions sessions;
    @Inject SecurityIdentity identity;
    @Inject CurrentCaller caller;
    @Inject Audit audit;
    @Inject Users users;

    /** auto: Secure when the request came over HTTPS (directly or through a proxy); true/false to force. */
    @ConfigProperty(name = "surge.security.secure-cookies", defaultValue = "auto") String secureCookies;

    public record Password(String username, String password) {}

    public record Badge(String badge, String pin) {}

    public record Me(String username, List<String> roles, Set<Long> shops, String csrf) {}

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Sign in with username and password: sets the session cookie. 401 when wrong, 429 while locked after repeated failures")
    public Response login(Password p, @Context HttpServerRequest req) {
        if (p == null) throw io.surgewms.platform.ProblemException.invalid("username", "username and password are required");
        return signedIn(signIn.password(p.username(), p.password(), ip(req)), req);
    }

    @POST
    @Path("/badge")
    @PermitAll
    @Operation(summary = "Sign in on a handheld or pack station: the badge as scanned, and the PIN. Same answers as login")
    public Response badge(Badge b, @Context HttpServerRequest req) {
        if (b == null) throw io.surgewms.platform.ProblemException.invalid("badge", "badge and PIN are required");
        return signedIn(signIn.badge(b.badge(), b.pin(), ip(req)), req);
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Sign out: the session ends on the server and its cookies are cleared")
    public Response logout(@CookieParam(SurgeAuthMechanism.SESSION_COOKIE) String token, @Context HttpServerRequest req) {
        if (token != null && !token.isBlank()) sessions.close(token);
        if (!identity.isAnonymous()) audit.record(caller.name(), "signout", caller.name(), Map.of(), ip(req));
        return Response.noContent().cookie(cookie(SurgeAuthMechanism.SESSION_COOKIE, "", 0, true, req),
                cookie(SurgeAuthMechanism.CSRF_COOKIE, "", 0, false, req)).build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who is signed in: name, roles, shops (for a seller) and the CSRF token to send back as X-CSRF-Token")
    public Me me() {
        String csrf = identity.getAttribute(SurgeIdentityProvider.CSRF);
        return new Me(caller.name(), identity.getRoles().stream().sorted().toList(), caller.shops(), csrf == null || csrf.isEmpty() ? null : csrf);
    }

    private Response signedIn(SignIn.Signed s, HttpServerRequest req) {
        int age = (int) s.session().ttl().toSeconds();
        Users.User u = users.get(s.username());
        Me me = new Me(s.username(), u.roles(), null, s.session().csrf());
        return Response.ok(me).cookie(cookie(SurgeAuthMechanism.SESSION_COOKIE, s.session().token(), age, true, req),
                cookie(SurgeAuthMechanism.CSRF_COOKIE, s.session().csrf(), age, false, req)).build();
    }

    private NewCookie cookie(String name, String value, int maxAge, boolean httpOnly, HttpServerRequest req) {
        boolean secure = switch (secureCookies) {
            case "true" -> true;
            case "false" -> false;
            default -> req.isSSL() || "https".equalsIgnoreCase(req.getHeader("X-Forwarded-Proto"));
        };
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(httpOnly).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    static String ip(HttpServerRequest req) {
        return req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    }
}
