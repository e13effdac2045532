package io.surgewms.inventory.replenishment;

import io.surgewms.security.CurrentCaller;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** Pick-face settings and replenishment tasks over HTTP. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Replenishment")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class ReplenishmentResource {

    @Inject CurrentCaller caller;
    @Inject io.surgewms.security.Audit audit;
    @Inject PickFaces faces;
    @Inject ReplenishmentService tasks;

    public record Replenisher(String picker, String zone) {}

    public record TaskScan(String picker, String device, String code) {}

    @PUT
    @Path("/pick-faces/{location}")
    @Operation(summary = "Set a SKU's min and max at a pick-face bin; a face already below its min gets a replenishment task")
    public PickFaces.FaceView putFace(@PathParam("location") String location, PickFaces.Setting s) {
        PickFaces.FaceView v = faces.put(location, s, caller.name());
        audit.record(caller.name(), "pick-face.set", location + ":" + v.shop() + "/" + v.sku(), Map.of("min", v.min(), "max", v.max()));
        return v;
    }

    @GET
    @Path("/pick-faces/{location}")
    @Operation(summary = "The SKUs of a pick-face bin with their min, max, stock and open replenishment task")
    public List<PickFaces.FaceView> face(@PathParam("location") String location) {
        return faces.get(location);
    }

    @GET
    @Path("/replenishment/tasks")
    @Operation(summary = "Replenishment tasks, newest first (status OPEN, CLAIMED, DONE, CANCELLED; zone of the pick face)")
    public List<ReplenishmentTask> list(@QueryParam("status") String status, @QueryParam("zone") String zone,
                                        @QueryParam("limit") @DefaultValue("200") int limit) {
        return tasks.list(status, zone, Math.max(1, Math.min(limit, 1000)));
    }

    @GET
    @Path("/replenishment/tasks/{id}")
    public ReplenishmentTask task(@PathParam("id") long id) {
        return tasks.get(id);
    }

    @POST
    @Path("/replenishment/claim")
    @Operation(summary = "The replenisher's task in hand, else the most urgent open one (waves first); 204 when there is none")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public Response claim(Replenisher r) {
        ReplenishmentTask t = tasks.claim(caller.actingAs(r == null ? null : r.picker()), r == null ? null : r.zone());
        return t == null ? Response.noContent().build() : Response.ok(t).build();
    }

    @POST
    @Path("/replenishment/tasks/{id}/scan")
    @Operation(summary = "One replenishment scan: from-bin, item (each, or once + quantity), to-bin; ACCEPTED or REJECTED with a reason")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public ReplenishmentService.Answer scan(@PathParam("id") long id, TaskScan s) {
        return tasks.scan(id, new ReplenishmentService.Scan(caller.actingAs(s == null ? null : s.picker()),
                s == null ? null : s.device(), s == null ? null : s.code()));
    }

    @POST
    @Path("/replenishment/tasks/{id}/release")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Give a claimed replenishment back to the pool (units go back to the reserve bin)")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public ReplenishmentTask release(@PathParam("id") long id) {
        return tasks.release(id, caller.actingAs(null));
    }

    @POST
    @Path("/replenishment/tasks/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Drop a replenishment: the picks that waited for it go to the reserve bins as planned")
    public ReplenishmentTask cancel(@PathParam("id") long id) {
        ReplenishmentTask t = tasks.cancel(id, caller.name());
        audit.record(caller.name(), "replenishment.cancel", "replenishment " + id, Map.of("sku", t.sku()));
        return t;
    }

    @POST
    @Path("/replenishment/sweep")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Give every pick face below its min a task now (also runs every minute)")
    public Map<String, Integer> sweep() {
        return Map.of("created", tasks.sweep(caller.name()));
    }
}
