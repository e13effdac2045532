package io.surgewms.layout;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.surgewms.platform.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/api/layouts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class LayoutResource {

    @Inject
    LayoutService layouts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewLayout body) {
        if (body == null) throw ProblemException.invalid("$", "a layout is required");
        LayoutView created = layouts.create(body);
        return Response.created(URI.create("/api/layouts/" + created.zone())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER, Roles.PACKER})
    public List<LayoutView> list() {
        return layouts.list();
    }

    @GET
    @Path("{zone}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER, Roles.PACKER})
    public LayoutView get(@PathParam("zone") String zone) {
        return layouts.get(zone);
    }
}
