package io.surgewms.board;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The supervisor board over HTTP. Its actions are the floor's own endpoints (release a wave, set a
 * wave's priority, release or reassign a task, reprint a label, pause auto-release), so the board
 * can do nothing the API cannot.
 */
@Path("/api/board")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Board")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class BoardResource {

    @Inject BoardService board;
    @Inject BoardFeed feed;

    @GET
    @Operation(summary = "The floor now: backlog, waves with ETA, orders at risk of missing their cutoff, pickers, "
            + "pack stations, exceptions, devices and the fastest-selling SKUs. shop= narrows it to one shop")
    public BoardView get(@QueryParam("shop") String shop) {
        return board.board(shop);
    }

    @GET
    @Path("/parcel")
    @Operation(summary = "A parcel by shipment id, tracking number or SSCC: the board's way to find the label to reprint")
    public BoardView.Parcel parcel(@QueryParam("ref") String ref) {
        return board.parcel(ref);
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "The board as Server-Sent Events: a new board within a second of any change on the floor, "
            + "made through any instance, and every few seconds while nothing changes")
    public Multi<BoardView> events(@QueryParam("shop") String shop) {
        if (shop != null && !shop.isBlank()) board.requireShop(shop); // 404 for an unknown shop, before the stream opens
        return feed.subscribe(shop);
    }
}
