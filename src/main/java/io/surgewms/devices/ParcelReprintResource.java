package io.surgewms.devices;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.surgewms.devices.print.PrintJobs;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reprint a parcel's label from the parcel, for a packer who has the shipment, not the job. */
@Path("/api/shipments/{id}/reprint")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER})
public class ParcelReprintResource {

    @Inject io.surgewms.security.CurrentCaller caller;

    @Inject io.surgewms.security.Audit audit;

    @Inject PrintJobs jobs;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Reprint the parcel's label: a new job like its latest, optionally on the printer given")
    public PrintJobs.Job reprint(@PathParam("id") long id, String body) {
        PrintJobs.Job j = jobs.reprintParcel(id, PrintJobResource.printerIn(body));
        audit.record(caller.name(), "label.reprint", "shipment " + id, java.util.Map.of("job", j.id(), "printer", String.valueOf(j.printer())));
        return j;
    }
}
