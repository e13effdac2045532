package io.surgewms.web;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

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
 * The supervisor's analytics page at {@code /board/analytics} (query parameters from, to, shop, channel,
 * tag and by open a given view, so a link can be shared). The page is a static file; this serves it
 * without the ".html".
 */
@Path("/board/analytics")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.SHOP})
public class AnalyticsPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page() {
        InputStream html = AnalyticsPage.class.getClassLoader().getResourceAsStream("META-INF/resources/board/analytics.html");
        if (html == null) throw new NotFoundException();
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cacheControl(noCache).build();
    }
}
