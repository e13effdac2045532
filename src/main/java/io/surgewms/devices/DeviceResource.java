package io.surgewms.devices;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.surgewms.devices.registry.DeviceProfile;
import io.surgewms.devices.registry.DeviceRegistry;
import io.surgewms.platform.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.Locale;

/** Scanners, printers and scales: their profiles and live status. */
@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class DeviceResource {

    @Inject DeviceRegistry registry;

    @GET
    @Operation(summary = "Devices with their live status (ONLINE, OFFLINE, ERROR, UNKNOWN, DISABLED), by kind and station")
    public List<DeviceRegistry.Device> list(@QueryParam("kind") String kind, @QueryParam("station") String station) {
        return registry.list(kind, station);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One device: profile, live status, last error, counters")
    public DeviceRegistry.Device get(@PathParam("name") String name) {
        return registry.get(name);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or change a device (serial port and line settings, or host:port; options; the station or picker it serves)")
    public Response put(@PathParam("name") String name, DeviceProfile body) {
        if (body == null) throw ProblemException.invalid("$", "a device profile is required");
        if (body.name() != null && !body.name().equals(name.toUpperCase(Locale.ROOT)))
            throw ProblemException.invalid("name", "differs from the name in the address");
        DeviceProfile p = new DeviceProfile(name, body.kind(), body.connection(), body.port(), body.baud(), body.dataBits(),
                body.parity(), body.stopBits(), body.flowControl(), body.host(), body.tcpPort(), body.options(), body.station(),
                body.picker(), body.enabled());
        boolean created = registry.save(p, "API");
        return Response.status(created ? 201 : 200).entity(registry.get(p.name())).build();
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Remove a device (its port is closed; a printer with queued jobs is refused)")
    public void delete(@PathParam("name") String name) {
        registry.delete(name);
    }
}
