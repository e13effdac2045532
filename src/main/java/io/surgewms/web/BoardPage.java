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
 * The short address of the supervisor's live board, for a wall screen or a desk:
 * {@code host:8080/board}, or {@code host:8080/board?shop=glow} for one shop. The page is a static
 * file ({@code board/board.html}); it reads the shop from its own address.
 */
@Path("/board")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class BoardPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response board() {
        InputStream html = BoardPage.class.getClassLoader().getResourceAsStream("META-INF/resources/board/board.html");
        if (html == null) throw new NotFoundException();
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true); // a wall screen left on for weeks picks up a new release at its next load
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cacheControl(noCache).build();
    }
}
