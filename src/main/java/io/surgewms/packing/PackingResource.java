package io.surgewms.packing;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.agroal.api.AgroalDataSource;
import io.surgewms.labels.BatchLabelPrint;
import io.surgewms.shipping.ParcelLabels;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.ScanLatency;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Pack stations and shipment labels over HTTP. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Packing")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER})
public class PackingResource {

    @Inject io.surgewms.security.CurrentCaller caller;

    @Inject PackService packing;
    @Inject SinglesPacking singles;
    @Inject ShipmentLabels labels;
    @Inject AgroalDataSource db;
    @Inject PackQueries queries;
    @Inject Handover handover;
    @Inject StationFeed feed;
    @Inject ScanLatency latency;
    @Inject ParcelLabels parcelLabels;

    public record NewStation(String code, String kind, String printerHost, Integer printerPort, Integer labelDpi, String defaultCarton) {}

    public record Scan(String code, String packer) {}

    public record Close(String packer, Integer weightG, String carton) {}

    @POST
    @Path("/packing/stations")
    @Operation(summary = "Register a pack station (STANDARD or SINGLES) with its label printer (raw TCP, e.g. port 9100)")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public Response station(NewStation s) {
        if (s == null || s.code() == null || !s.code().matches("[A-Z0-9-]{2,32}")) throw ProblemException.invalid("code", "2-32 of A-Z, 0-9 and '-'");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into pack_station (code, kind, printer_host, printer_port, label_dpi, default_carton) values (?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, s.code());
            ps.setString(2, s.kind() == null ? "STANDARD" : s.kind());
            ps.setString(3, s.printerHost());
            ps.setObject(4, s.printerPort());
            ps.setInt(5, s.labelDpi() == null ? 203 : s.labelDpi());
            ps.setString(6, s.defaultCarton());
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) throw ProblemException.conflict("Station " + s.code() + " exists");
            if ("23514".equals(e.getSQLState()) || "23503".equals(e.getSQLState()))
                throw ProblemException.invalid("station", "kind must be STANDARD or SINGLES, dpi 203 or 300, port 1-65535, carton a known type");
            throw new IllegalStateException(e.getMessage(), e);
        }
        return Response.status(201).entity(queries.stationView(s.code())).build();
    }

    @GET
    @Path("/packing/stations/{station}")
    @Operation(summary = "A station: its kind, printer, default carton, and the order open there")
    public PackQueries.StationView station(@PathParam("station") String station) {
        return queries.stationView(station);
    }

    @GET
    @Path("/packing/stations/{station}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @org.jboss.resteasy.reactive.RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The station's live events (Server-Sent Events): scans from its serial scanner with their answers, "
            + "its scale's weight, its devices' state. packer= names who is packing (the actor of device scans)")
    public io.smallrye.mutiny.Multi<StationFeed.Message> events(@PathParam("station") String station, @QueryParam("packer") String packer) {
        queries.stationView(station); // 404 for an unknown station
        return feed.subscribe(station, packer);
    }

    @POST
    @Path("/packing/stations/{station}/open")
    @Operation(summary = "Open an order at the station by its tote or order number")
    public PackView open(@PathParam("station") String station, Scan s) {
        return packing.open(station, s == null ? null : s.code(), caller.actingAs(s == null ? null : s.packer()));
    }

    @POST
    @Path("/packing/stations/{station}/scan")
    @Operation(summary = "Scan a unit into the open parcel; at a singles station, scan-and-ship the next order that wants it")
    public PackView.Answer scan(@PathParam("station") String station, Scan s) {
        if (s == null) throw ProblemException.invalid("code", "required");
        return latency.time(ScanLatency.Source.PACK, () -> {
            PackView.Answer single = singles.scanIfSingles(station, s.code(), caller.actingAs(s.packer()), null);
            return single != null ? single : packing.scan(station, s.code(), caller.actingAs(s.packer()));
        }, PackView.Answer::accepted);
    }

    @POST
    @Path("/packing/stations/{station}/close")
    @Operation(summary = "Close the parcel: shipment with tracking number and SSCC, label queued; order PACKED when complete")
    public PackView.Answer close(@PathParam("station") String station, Close body) {
        return packing.close(station, caller.actingAs(body == null ? null : body.packer()), body == null ? null : body.weightG(), body == null ? null : body.carton());
    }

    @GET
    @Path("/packing/slips/{orderId}")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @Operation(summary = "The order's packing slip (PDF, A4)")
    public Response slip(@PathParam("orderId") long orderId) {
        return Response.ok(labels.packingSlip(orderId), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"packing-slip-" + orderId + ".pdf\"").build();
    }

    @POST
    @Path("/shipping/handover/{carrier}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Hand a carrier's packed parcels over for one pickup (pickup=ISO time; parcels due later stay), "
            + "or all of them without it: one manifest, orders SHIPPED, stock out, outbox events for the channels")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public Handover.Manifest handover(@PathParam("carrier") String carrier, @QueryParam("pickup") String pickup) {
        return handover.handOver(carrier, pickupTime(pickup), caller.name());
    }

    @GET
    @Path("/shipping/manifests/{id}")
    @Operation(summary = "A manifest: carrier, pickup, and its parcels with tracking numbers and SSCCs")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public PackQueries.ManifestView manifest(@PathParam("id") long id) {
        return queries.manifest(id);
    }

    private static java.time.OffsetDateTime pickupTime(String pickup) {
        if (pickup == null || pickup.isBlank()) return null;
        try {
            return java.time.OffsetDateTime.parse(pickup);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid("pickup", "an ISO-8601 time with offset, e.g. 2026-11-22T17:00:00Z");
        }
    }

    @GET
    @Path("/shipments/{id}/label")
    @Produces({"application/pdf", "application/zpl", "image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "The shipment's label: format=pdf (default), zpl (dpi 203 or 300) or png (preview at 203 dpi)")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
    public Response label(@PathParam("id") long id, @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        caller.requireShipment(id);
        if (format != null && !List.of("pdf", "zpl", "png").contains(format.toLowerCase(java.util.Locale.ROOT)))
            throw ProblemException.invalid("format", "pdf, zpl or png");
        // A label bought from a carrier is served as the carrier made it: its ZPL, its PDF (TikTok's document);
        // a label still being bought has nothing to show yet.
        ParcelLabels.Files bought = parcelLabels.files(id, BatchLabelPrint.dpi(dpi));
        if (bought != null && bought.pending())
            throw ProblemException.conflict("The label of shipment " + id + " is still being bought: it prints when the carrier answers");
        if (bought != null) {
            if ("zpl".equalsIgnoreCase(format)) return Response.ok(bought.zpl(), "application/zpl").build();
            if (bought.pdf() != null && "png".equalsIgnoreCase(format))
                return Response.ok(io.surgewms.labels.LabelPreview.png(bought.pdf(), io.surgewms.labels.LabelPreview.PRINTER_DPI), "image/png").build();
            if (bought.pdf() != null)
                return Response.ok(bought.pdf(), "application/pdf").header("Content-Disposition", "inline; filename=\"shipment-" + id + ".pdf\"").build();
            // a carrier's ZPL label: the preview is Surge's drawing of the same parcel (carrier, service, tracking number)
        }
        if ("zpl".equalsIgnoreCase(format)) {
            return Response.ok(labels.zpl(id, BatchLabelPrint.dpi(dpi)), "application/zpl").build();
        }
        if ("png".equalsIgnoreCase(format)) return Response.ok(labels.png(id), "image/png").build();
        return Response.ok(labels.pdf(id), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"shipment-" + id + ".pdf\"").build();
    }
}
