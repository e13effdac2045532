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

/** The short address of the replenisher's handheld page: {@code host:8080/floor/replenish} (a static file). */
@Path("/floor/replenish")
public class ReplenishPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public Response page() {
        InputStream html = ReplenishPage.class.getClassLoader().getResourceAsStream("META-INF/resources/floor/replenish.html");
        if (html == null) throw new NotFoundException();
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true); // a new release reaches the handhelds at the next load
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cacheControl(noCache).build();
    }
}
