package io.surgewms.catalog;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

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

@Path("/api/shops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class ShopResource {

    @Inject
    ShopService shops;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewShop body) {
        if (body == null) throw ProblemException.invalid("$", "a shop is required");
        ShopView created = shops.create(body);
        return Response.created(URI.create("/api/shops/" + created.code())).entity(created).build();
    }

    @GET
    public Page<ShopView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return shops.list(page, size);
    }

    @GET
    @Path("{code}")
    public ShopView get(@PathParam("code") String code) {
        return shops.get(code);
    }
}
