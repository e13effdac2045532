package io.surgewms.devices;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.devices.print.PrintJobs;
import io.surgewms.platform.ProblemException;
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

import java.util.List;

/** The label print queue: what is waiting, what failed and why, retry and reprint. */
@Path("/api/print-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER})
public class PrintJobResource {

    @Inject io.surgewms.security.CurrentCaller caller;

    @Inject io.surgewms.security.Audit audit;

    @Inject PrintJobs jobs;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Optional body of retry and reprint, {@code {"printer": "NAME"}}: the printer device to print on
     * instead. Read by hand so that a POST without any body (or content type) works too.
     */
    static String printerIn(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            JsonNode printer = JSON.readTree(body).get("printer");
            if (printer == null || printer.isNull()) return null;
            if (!printer.isTextual()) throw ProblemException.invalid("printer", "must be a printer device name");
            return printer.asText();
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("body", "not JSON: " + e.getOriginalMessage());
        }
    }

    @GET
    @Operation(summary = "Print jobs, newest first, by status (QUEUED, SENT, FAILED, HELD), station and printer (device name or host:port)")
    public List<PrintJobs.Job> list(@QueryParam("status") String status, @QueryParam("station") String station,
                                    @QueryParam("printer") String printer) {
        return jobs.list(status, station, printer);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One print job")
    public PrintJobs.Job get(@PathParam("id") long id) {
        return jobs.get(id);
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Queue a FAILED or HELD job again, optionally on the printer given")
    public PrintJobs.Job retry(@PathParam("id") long id, String body) {
        return jobs.retry(id, printerIn(body));
    }

    @POST
    @Path("/{id}/reprint")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Print the label again: a new job at the end of its printer's queue (or of the printer given)")
    public PrintJobs.Job reprint(@PathParam("id") long id, String body) {
        PrintJobs.Job j = jobs.reprint(id, printerIn(body));
        audit.record(caller.name(), "label.reprint", "print job " + id, java.util.Map.of("job", j.id(), "printer", String.valueOf(j.printer())));
        return j;
    }
}
