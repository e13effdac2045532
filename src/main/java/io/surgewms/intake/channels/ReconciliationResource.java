package io.surgewms.intake.channels;

import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemMappers;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The reconciliation's runs (what each recovered from the channels), and a run on demand. */
@Path("/api/channels/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class ReconciliationResource {

    @Inject Reconciliation reconciliation;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Reconciliation runs, newest first: the window looked at, orders seen, orders recovered (missed by the webhooks), error")
    public List<Reconciliation.Run> runs(@QueryParam("account") Long account, @QueryParam("limit") @DefaultValue("50") int limit) {
        return reconciliation.runs(account, limit);
    }

    @POST
    @Path("/{account}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reconcile one channel account now (as the schedule does every few minutes); 409 while another run holds it")
    public Response run(@PathParam("account") long account) {
        Reconciliation.Run r = reconciliation.run(account);
        if (r == null) return ProblemMappers.response(Problem.of(409, "Already running",
                "account " + account + " is being reconciled by another run, or its channel has no order list: try again in a minute"));
        return Response.ok(r).build();
    }
}
