package io.surgewms.returns;

import io.surgewms.returns.ReturnRequests.Rma;
import io.surgewms.security.CurrentCaller;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** An order's return history, beside the order's own resource (intake knows nothing of returns). */
@Path("/api/orders/{id}/returns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Returns")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
public class OrderReturnsResource {

    @Inject CurrentCaller caller;
    @Inject ReturnQueries queries;

    @GET
    @Operation(summary = "The order's returns, oldest first, each with its lines and received units")
    public List<Rma> returns(@PathParam("id") long id) {
        caller.requireOrder(id);
        return queries.forOrder(id);
    }
}
