package io.surgewms.layout;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.surgewms.platform.ImportResult;
import io.surgewms.platform.Page;
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
import jakarta.ws.rs.core.Response;

import java.net.URI;

@Path("/api/locations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class LocationResource {

    @Inject
    LocationService locations;
    @Inject
    LocationImport imports;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewLocation body) {
        if (body == null) throw ProblemException.invalid("$", "a location is required");
        LocationView created = locations.create(body);
        return Response.created(URI.create("/api/locations/" + created.code())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER, Roles.PACKER})
    public Page<LocationView> list(@QueryParam("zone") String zone, @QueryParam("kind") String kind,
                                   @QueryParam("aisle") Integer aisle, @QueryParam("q") String q,
                                   @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return locations.list(zone, kind, aisle, q, page, size);
    }

    @GET
    @Path("{code}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER, Roles.PACKER})
    public LocationView get(@PathParam("code") String code) {
        return locations.get(code);
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public ImportResult importCsv(String csv) {
        return imports.csv(csv);
    }
}
