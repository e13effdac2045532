package io.surgewms.inventory.counts;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.surgewms.inventory.counts.CountViews.CounterView;
import io.surgewms.inventory.counts.CountViews.Review;
import io.surgewms.inventory.counts.CountViews.ScanAnswer;
import io.surgewms.platform.Page;
import io.surgewms.security.Audit;
import io.surgewms.security.CurrentCaller;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Cycle counts over HTTP: supervisors make, review, approve and recount; counters claim, scan and finish, blind. */
@Path("/api/counts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cycle counts")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class CountResource {

    @Inject CountTasks tasks;
    @Inject CountScans scans;
    @Inject CountResults results;
    @Inject AbcSchedule schedule;
    @Inject CurrentCaller caller;
    @Inject SecurityIdentity identity;
    @Inject Audit audit;

    public record Counter(String counter, String zone) {}

    public record Recount(String reason) {}

    @POST
    @Operation(summary = "Count a bin (or one SKU in it) now; an open count of the same bin and SKU is answered (200) instead of a second one")
    public Response create(CountTasks.NewCount body) {
        CountTasks.Created made = tasks.create(body, caller.name());
        if (made.existing()) return Response.ok(made.count()).build();
        audit.record(caller.name(), "count.create", "count " + made.count().id(),
                Map.of("location", made.count().location(), "sku", String.valueOf(made.count().sku())));
        return Response.created(URI.create("/api/counts/" + made.count().id())).entity(made.count()).build();
    }

    @POST
    @Path("/schedule")
    @Operation(summary = "Run the ABC cycle-count schedule now (it also runs daily): due bins get count tasks, A SKUs first")
    public AbcSchedule.Run schedule(AbcSchedule.Request body) {
        AbcSchedule.Run r = schedule.run(body, caller.name());
        audit.record(caller.name(), "count.schedule", body == null || body.shop() == null ? "all shops" : "shop " + body.shop(),
                Map.of("created", r.created(), "byClass", r.byClass()));
        return r;
    }

    @GET
    @Operation(summary = "Count tasks for a supervisor, with what was counted, expected and the variance; open and pending first")
    public Page<Review> list(@QueryParam("status") String status, @QueryParam("zone") String zone, @QueryParam("source") String source,
                             @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return tasks.list(status, zone, source, page, size);
    }

    @POST
    @Path("/claim")
    @Operation(summary = "The counter's current count, else the most urgent open one (not one they counted before); 204 when none")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public Response claim(Counter body) {
        CounterView v = tasks.claim(caller.actingAs(body == null ? null : body.counter()), body == null ? null : body.zone());
        return v == null ? Response.noContent().build() : Response.ok(v).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The counter's (blind) view of a count: the bin, what to count, what to scan next; never the expected quantity")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public CounterView get(@PathParam("id") long id) {
        requireOwnCount(id);
        return tasks.counterView(id);
    }

    @GET
    @Path("/{id}/review")
    @Operation(summary = "The supervisor's view of a count: per SKU counted, expected (at finish), variance, within tolerance, booked")
    public Review review(@PathParam("id") long id) {
        return tasks.review(id);
    }

    @POST
    @Path("/{id}/scan")
    @Operation(summary = "One scan of a count: the bin, then each item (or one item and the quantity keyed), then DONE")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public ScanAnswer scan(@PathParam("id") long id, CountScans.Scan body) {
        String counter = caller.actingAs(body == null ? null : body.counter());
        return audited(scans.scan(id, new CountScans.Scan(counter, body == null ? null : body.device(), body == null ? null : body.code())));
    }

    @POST
    @Path("/{id}/finish")
    @Operation(summary = "Finish the count (as scanning DONE): within tolerance it is booked at once, above it waits for a supervisor")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public ScanAnswer finish(@PathParam("id") long id, Counter body) {
        return audited(scans.finish(id, caller.actingAs(body == null ? null : body.counter())));
    }

    @POST
    @Path("/{id}/release")
    @Operation(summary = "Give the count back to the pool uncounted (what was scanned is forgotten)")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER})
    public CounterView release(@PathParam("id") long id) {
        requireOwnCount(id);
        return tasks.release(id, manager() ? null : caller.name());
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Book the variances of a count above tolerance (by someone other than its counter)")
    public Review approve(@PathParam("id") long id) {
        CountResults.Result r = results.approve(id, caller.name());
        audit.record(caller.name(), "count.approve", "count " + id, detail(r));
        return tasks.review(id);
    }

    @POST
    @Path("/{id}/recount")
    @Operation(summary = "Reject a count above tolerance unbooked and have the bin counted again by another counter; answers the new task")
    public Response recount(@PathParam("id") long id, Recount body) {
        CountResults.Result r = results.recount(id, caller.name(), body == null ? null : body.reason());
        audit.record(caller.name(), "count.recount", "count " + id, Map.of("location", r.location(), "counter", String.valueOf(r.counter()),
                "recount", r.recountId()));
        return Response.created(URI.create("/api/counts/" + r.recountId())).entity(tasks.review(r.recountId())).build();
    }

    /** A count that booked stock when it was finished is audited (the counter's answer stays blind). */
    private ScanAnswer audited(CountScans.Outcome o) {
        CountResults.Result r = o.finished();
        if (r != null && !r.booked().isEmpty()) audit.record(r.counter(), "count.adjust", "count " + r.id(), detail(r));
        return o.answer();
    }

    private static Map<String, Object> detail(CountResults.Result r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("location", r.location());
        d.put("counter", String.valueOf(r.counter()));
        d.put("status", r.status());
        d.put("booked", r.booked().stream().map(b -> Map.of("sku", b.sku(), "delta", b.delta(), "moved", b.moved(), "flagged", b.flagged()))
                .toList());
        d.put("pending", r.pending());
        return d;
    }

    private boolean manager() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.SUPERVISOR);
    }

    /** A picker sees and gives back only the count they hold; supervisors any. */
    private void requireOwnCount(long id) {
        if (manager()) return;
        String holder = tasks.counterOf(id);
        if (holder != null && holder.equals(caller.name())) return;
        if (holder == null && !tasks.exists(id)) return; // its own 404 follows
        throw new ForbiddenException("Count " + id + " is not yours");
    }
}
