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

/** The returns station page (tablet, 1280×800) at the short address {@code /floor/returns}; the page is a static file. */
@Path("/floor/returns")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER})
public class ReturnsStationPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page() {
        InputStream html = ReturnsStationPage.class.getClassLoader().getResourceAsStream("META-INF/resources/floor/returns.html");
        if (html == null) throw new NotFoundException();
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true); // a new release reaches the stations at the next load
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cacheControl(noCache).build();
    }
}
