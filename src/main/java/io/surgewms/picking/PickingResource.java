package io.surgewms.picking;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.surgewms.platform.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import java.net.URI;
import java.util.List;

/** Waves, pick tasks and floor scans over HTTP. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Picking")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class PickingResource {

    @Inject io.surgewms.security.Audit audit;

    @Inject io.surgewms.security.CurrentCaller caller;

    @Inject WaveService waves;
    @Inject TaskService tasks;
    @Inject ScanService scans;
    @Inject ShortPickService shorts;
    @Inject PickingPolicyService policy;
    @Inject CarrierCutoffs cutoffs;

    public record Picker(String picker, String zone) {}

    @POST
    @Path("/waves")
    @Operation(summary = "Plan the next wave from allocated orders by ship-by (and release it unless release=false); 204 when none wait")
    public Response plan(WaveService.PlanRequest req) {
        WaveService.WaveSummary w = waves.plan(req == null ? new WaveService.PlanRequest(null, null, null, null, null, null) : req, caller.name());
        return w == null ? Response.noContent().build() : Response.created(URI.create("/api/waves/" + w.id())).entity(w).build();
    }

    @GET
    @Path("/waves")
    @Operation(summary = "Recent waves with progress")
    public List<WaveService.WaveSummary> waves(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit) {
        return waves.list(null, status, Math.max(1, Math.min(limit, 500)));
    }

    @GET
    @Path("/waves/{id}")
    public WaveService.WaveSummary wave(@PathParam("id") long id) {
        return waves.get(id);
    }

    @POST
    @Path("/waves/{id}/release")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Release a planned wave: its tasks become claimable")
    public WaveService.WaveSummary release(@PathParam("id") long id) {
        WaveService.WaveSummary w = waves.release(id, caller.name());
        audit.record(caller.name(), "wave.release", "wave " + id, java.util.Map.of("orders", w.orders()));
        return w;
    }

    public record Priority(Integer priority) {}

    @POST
    @Path("/waves/{id}/priority")
    @Operation(summary = "Set the priority (-9..9) of a wave's unfinished tasks: higher is claimed first")
    public WaveService.WaveSummary prioritize(@PathParam("id") long id, Priority body) {
        if (body == null || body.priority() == null) throw ProblemException.invalid("priority", "required");
        WaveService.WaveSummary w = waves.prioritize(id, body.priority());
        audit.record(caller.name(), "wave.priority", "wave " + id, java.util.Map.of("priority", body.priority()));
        return w;
    }

    @GET
    @Path("/picking/policy")
    public PickingPolicyService.Policy policy() {
        return policy.get();
    }

    @PUT
    @Path("/picking/policy")
    @Operation(summary = "Change wave caps, cart size, claim timeout, and switch automatic release on or off")
    public PickingPolicyService.Policy policy(PickingPolicyService.Policy p) {
        PickingPolicyService.Policy after = policy.update(p);
        audit.record(caller.name(), "picking.policy", "policy", java.util.Map.of("autoRelease", after.autoRelease(), "maxOrders", after.maxOrders(),
                "maxUnits", after.maxUnits()));
        return after;
    }

    @GET
    @Path("/picking/cutoffs")
    @Operation(summary = "Carriers' daily pickup times (UTC)")
    public List<CarrierCutoffs.Cutoff> cutoffs() {
        return cutoffs.list();
    }

    @PUT
    @Path("/picking/cutoffs/{carrier}")
    @Operation(summary = "Set a carrier's daily pickup time: its orders are waved by the last pickup before their ship-by")
    public CarrierCutoffs.Cutoff cutoff(@PathParam("carrier") String carrier, CarrierCutoffs.Cutoff body) {
        return cutoffs.set(carrier, body == null ? null : body.cutoff());
    }

    @jakarta.ws.rs.DELETE
    @Path("/picking/cutoffs/{carrier}")
    public Response removeCutoff(@PathParam("carrier") String carrier) {
        cutoffs.remove(carrier);
        return Response.noContent().build();
    }

    @POST
    @Path("/picking/claim")
    @Operation(summary = "The picker's current task, else the most urgent open one; 204 when there is no work")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public Response claim(Picker p) {
        TaskView t = tasks.claim(caller.actingAs(p == null ? null : p.picker()), p == null ? null : p.zone());
        return t == null ? Response.noContent().build() : Response.ok(t).build();
    }

    @GET
    @Path("/picking/tasks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public TaskView task(@PathParam("id") long id) {
        caller.requireOwnTask(id);
        return tasks.view(id);
    }

    @POST
    @Path("/picking/tasks/{id}/pause")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public TaskView pause(@PathParam("id") long id) {
        caller.requireOwnTask(id);
        return tasks.pause(id);
    }

    @POST
    @Path("/picking/tasks/{id}/resume")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public TaskView resume(@PathParam("id") long id, Picker p) {
        return tasks.resume(id, caller.actingAs(p == null ? null : p.picker()));
    }

    @POST
    @Path("/picking/tasks/{id}/release")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Give the task back to the pool; what was picked stays picked")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public TaskView releaseTask(@PathParam("id") long id) {
        caller.requireOwnTask(id);
        return tasks.release(id);
    }

    @POST
    @Path("/picking/tasks/{id}/reassign")
    @Operation(summary = "Hand the task to another picker (supervisor)")
    public TaskView reassign(@PathParam("id") long id, Picker p) {
        TaskView t = tasks.reassign(id, p == null ? null : p.picker());
        audit.record(caller.name(), "task.reassign", "task " + id, java.util.Map.of("picker", String.valueOf(p == null ? null : p.picker())));
        return t;
    }

    @POST
    @Path("/picking/tasks/{id}/short")
    @Operation(summary = "Report the current bin short: found units go on, the rest is reserved elsewhere or the order flagged")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public TaskView shortPick(@PathParam("id") long id, ShortPickService.ShortRequest req) {
        return shorts.shortPick(id, new ShortPickService.ShortRequest(caller.actingAs(req == null ? null : req.picker()), req == null ? null : req.found()));
    }

    @POST
    @Path("/scans")
    @Operation(summary = "One floor scan: answered ACCEPTED or REJECTED with a reason code, a message and what to scan next")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public ScanService.Answer scan(ScanService.Scan s) {
        return scans.scan(s == null ? new ScanService.Scan(caller.actingAs(null), null, null, null)
                : new ScanService.Scan(caller.actingAs(s.picker()), s.device(), s.taskId(), s.code()));
    }
}
