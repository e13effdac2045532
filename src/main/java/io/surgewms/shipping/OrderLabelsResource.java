package io.surgewms.shipping;

import io.surgewms.security.CurrentCaller;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** An order's labels and its ship-to correction (its own root path: /api/orders belongs to intake's resource). */
@Path("/api/orders/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shipping")
public class OrderLabelsResource {

    @Inject CurrentCaller caller;
    @Inject LabelDesk labels;

    @GET
    @Path("/labels")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
    @Operation(summary = "An order's labels: status, the rates considered and the reason for the choice, cost, tracking, last error")
    public List<LabelDesk.LabelView> labels(@PathParam("id") long id) {
        caller.requireOrder(id);
        return labels.forOrder(id);
    }

    @PUT
    @Path("/address")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Correct the ship-to address; an order on address hold is released and its label bought after a new check")
    public List<LabelDesk.LabelView> address(@PathParam("id") long id, LabelDesk.AddressFix fix) {
        return labels.correctAddress(id, fix, caller.name());
    }
}
