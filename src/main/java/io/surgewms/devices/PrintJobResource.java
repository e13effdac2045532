package io.surgewms.devices;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The label print queue: what is waiting, what failed and why, and a retry. */
@Path("/api/print-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
public class PrintJobResource {

    @Inject AgroalDataSource db;
    @Inject PrintQueue queue;

    public record Job(long id, String station, Long shipmentId, String format, String printer, String status, int attempts,
                      String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt) {}

    @GET
    @Operation(summary = "Print jobs, newest first, by status (QUEUED, SENT, FAILED, HELD) and station")
    public List<Job> list(@QueryParam("status") String status, @QueryParam("station") String station) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, station, shipment_id, format, printer_host || ':' || printer_port, status, attempts, last_error, created_at, sent_at
                  from print_job where (cast(? as text) is null or status = ?) and (cast(? as text) is null or station = ?)
                 order by id desc limit 200""")) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setString(3, station);
            ps.setString(4, station);
            List<Job> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long sid = rs.getLong(3);
                    Long shipment = rs.wasNull() ? null : sid;
                    out.add(new Job(rs.getLong(1), rs.getString(2), shipment, rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getInt(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Queue a FAILED or HELD job again")
    public void retry(@PathParam("id") long id) {
        queue.retry(id);
    }
}
