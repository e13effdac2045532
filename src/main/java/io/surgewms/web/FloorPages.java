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
 * Short addresses for the floor pages, so a picker types {@code host:8080/floor/pick} on a handheld
 * and a packer {@code host:8080/floor/pack?station=PS-1} at a pack station.
 * The pages themselves are static files; this only serves them without the ".html".
 */
@Path("/floor")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class FloorPages {

    @GET
    @Path("/pick")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public Response pick() {
        return page("pick.html");
    }

    /** The pack station page (tablet or desktop): {@code /floor/pack?station=PS-1}. */
    @GET
    @Path("/pack")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER})
    public Response pack() {
        return page("pack.html");
    }

    private static Response page(String name) {
        InputStream html = FloorPages.class.getClassLoader().getResourceAsStream("META-INF/resources/floor/" + name);
        if (html == null) throw new NotFoundException();
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true); // a new release reaches the handhelds at the next load
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cacheControl(noCache).build();
    }
}
