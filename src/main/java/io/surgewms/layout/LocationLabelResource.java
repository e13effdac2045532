package io.surgewms.layout;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.agroal.api.AgroalDataSource;
import io.surgewms.labels.BatchLabel;
import io.surgewms.labels.BatchLabelPrint;
import io.surgewms.platform.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Bin and tote labels in batches, in walking order: a sheet on the site's paper (PDF) or one ZPL label each for a thermal printer. */
@Path("/api/locations/labels")
@Tag(name = "Layout")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class LocationLabelResource {

    @Inject AgroalDataSource db;

    @GET
    @Produces({"application/pdf", "application/zpl", MediaType.APPLICATION_JSON})
    @Operation(summary = "Labels of the locations of a zone and/or kind (TOTE gives tote labels): format=pdf (a sheet on the site's paper: A4 24-up or Letter 30-up) or zpl")
    public Response labels(@QueryParam("zone") String zone, @QueryParam("kind") String kind,
                           @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        if (zone == null && kind == null) throw ProblemException.invalid("zone", "give a zone or a kind");
        List<BatchLabel> labels = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select code, kind from location where active and (cast(? as text) is null or zone = ?) and (cast(? as text) is null or kind = ?)
                 order by pick_seq, code limit ?""")) {
            ps.setString(1, zone);
            ps.setString(2, zone);
            ps.setString(3, kind);
            ps.setString(4, kind);
            ps.setInt(5, BatchLabelPrint.MAX_LABELS + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) labels.add(rs.getString(2).equals("TOTE") ? BatchLabel.tote(rs.getString(1)) : BatchLabel.location(rs.getString(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (labels.isEmpty()) throw ProblemException.notFound("No locations match");
        BatchLabelPrint.Output out = BatchLabelPrint.render(labels, format, dpi);
        return Response.ok(out.body(), out.mediaType()).build();
    }
}
