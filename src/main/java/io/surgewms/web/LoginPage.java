package io.surgewms.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;

/**
 * The sign-in page at {@code /login} (optionally {@code ?next=/floor/pick}): username + password for
 * desks and the board, badge + PIN for handhelds and pack stations. Open to everyone; the page itself
 * is a static file ({@code auth/login.html}) and talks to {@code /api/auth}.
 */
@Path("/login")
@PermitAll
public class LoginPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page() {
        InputStream html = LoginPage.class.getClassLoader().getResourceAsStream("META-INF/resources/auth/login.html");
        if (html == null) throw new NotFoundException();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cacheControl(noStore)
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "same-origin").build();
    }
}
