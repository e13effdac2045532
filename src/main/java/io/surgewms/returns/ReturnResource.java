package io.surgewms.returns;

import io.surgewms.labels.BatchLabelPrint;
import io.surgewms.platform.Page;
import io.surgewms.platform.ProblemException;
import io.surgewms.returns.ReturnRequests.NewReturn;
import io.surgewms.returns.ReturnRequests.Rma;
import io.surgewms.returns.ReturnRequests.Summary;
import io.surgewms.returns.ReturnRequests.UnitAnswer;
import io.surgewms.returns.ReturnRequests.UnitScan;
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
import java.util.Map;

/** Returns (RMA) over HTTP: authorise, find, receive unit by unit at the returns station, close, print the label. */
@Path("/api/returns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Returns")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER})
public class ReturnResource {

    @Inject CurrentCaller caller;
    @Inject Audit audit;
    @Inject ReturnService returns;
    @Inject ReturnDesk desk;
    @Inject ReturnQueries queries;
    @Inject ReturnLabels labels;

    @POST
    @Operation(summary = "Authorise a return of shipped units (by orderId or shop, channel and externalId): 201 with the RMA; "
            + "more than was shipped (less what other returns cover) is refused (409); the same reference again answers 200 with the first RMA")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.ORDERS_WRITE})
    public Response create(NewReturn r) {
        if (r == null) throw ProblemException.invalid("lines", "send the order and the lines to return");
        if (r.source() != null && !ReturnRequests.SOURCES.contains(r.source())) throw ProblemException.invalid("source", "STAFF, API or CHANNEL");
        long orderId;
        if (r.orderId() != null) orderId = r.orderId();
        else {
            if (r.shop() != null && !caller.mayUseShop(r.shop())) throw ProblemException.notFound("No shop " + r.shop());
            orderId = returns.orderId(r.shop(), r.channel(), r.externalId());
        }
        caller.requireOrder(orderId);
        // A connector may say the request came from the channel; otherwise a shop's key is the API, anyone else staff.
        String source = "CHANNEL".equals(r.source()) ? "CHANNEL" : caller.confined() ? "API" : "STAFF";
        ReturnService.Created made = returns.create(orderId, r, source, caller.name());
        if (!made.created()) return Response.ok(made.rma()).build();
        audit.record(caller.name(), "return.create", made.rma().code(), Map.of("orderId", orderId, "source", source,
                "units", made.rma().lines().stream().mapToInt(ReturnRequests.Line::quantity).sum()));
        return Response.created(URI.create("/api/returns/" + made.rma().id())).entity(made.rma()).build();
    }

    @GET
    @Operation(summary = "Returns by order, status or shop, newest first")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
    public Page<Summary> list(@QueryParam("order") Long order, @QueryParam("status") String status, @QueryParam("shop") String shop,
                              @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        if (shop != null && !caller.mayUseShop(shop)) throw ProblemException.notFound("No shop " + shop);
        return queries.list(order, status, shop, caller.shops(), page, size);
    }

    @GET
    @Path("/lookup")
    @Operation(summary = "What the returns station scanned off a parcel (RMA code, tracking number, SSCC or order reference): the open return with its expected items")
    public Rma lookup(@QueryParam("code") String code) {
        return queries.lookup(code, caller.shops());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One return with its expected lines and every unit received")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
    public Rma get(@PathParam("id") long id) {
        return queries.get(id, caller.shops());
    }

    @POST
    @Path("/{id}/units")
    @Operation(summary = "Receive one unit: RESTOCK (to the scanned pick-face or reserve bin), QUARANTINE or SCRAP; "
            + "ACCEPTED or REJECTED with a reason, every scan recorded; an item the return does not expect is taken as UNEXPECTED")
    public UnitAnswer unit(@PathParam("id") long id, UnitScan scan) {
        queries.get(id, caller.shops());
        return desk.receive(id, scan, caller.name());
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.WILDCARD) // a bare POST closes
    @Operation(summary = "End receiving: the return becomes RESTOCKED, QUARANTINED, SCRAPPED (or CANCELLED with nothing in), and the channel is told per line")
    public Rma close(@PathParam("id") long id) {
        queries.get(id, caller.shops());
        Rma r = returns.close(id, caller.name());
        audit.record(caller.name(), "return.close", r.code(), Map.of("status", r.status(), "units", r.units().size()));
        return r;
    }

    @GET
    @Path("/{id}/label")
    @Produces({"application/pdf", "application/zpl", "image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "The return label with the RMA code as Code 128: format=pdf (default), zpl (dpi 203 or 300) or png")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
    public Response label(@PathParam("id") long id, @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        Rma r = queries.get(id, caller.shops());
        if ("zpl".equalsIgnoreCase(format)) return Response.ok(labels.zpl(id, BatchLabelPrint.dpi(dpi)), "application/zpl").build();
        if ("png".equalsIgnoreCase(format)) return Response.ok(labels.png(id), "image/png").build();
        if (format != null && !"pdf".equalsIgnoreCase(format)) throw ProblemException.invalid("format", "pdf, zpl or png");
        return Response.ok(labels.pdf(id), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + r.code() + ".pdf\"").build();
    }
}
