package io.surgewms.catalog;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.platform.ImportResult;
import io.surgewms.platform.Page;
import io.surgewms.platform.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class ProductResource {

    @Inject io.surgewms.security.CurrentCaller caller;

    @Inject
    ProductService products;
    @Inject
    ProductImport imports;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewProduct body) {
        if (body == null) throw ProblemException.invalid("$", "a product is required");
        ProductView created = products.create(body);
        return Response.created(URI.create("/api/products/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER, Roles.PACKER, Roles.SHOP, Roles.PRODUCTS_READ})
    public Page<ProductView> list(@QueryParam("shop") String shop, @QueryParam("q") String q,
                                  @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return products.list(caller.shopFilter(shop), q, page, size);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER, Roles.PACKER, Roles.SHOP, Roles.PRODUCTS_READ})
    public ProductView get(@PathParam("id") long id) {
        caller.requireProduct(id);
        return products.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProductView update(@PathParam("id") long id, ProductChange body) {
        if (body == null) throw ProblemException.invalid("$", "the product's new state is required");
        return products.update(id, body);
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportResult importJson(List<JsonNode> rows) {
        if (rows == null) throw ProblemException.invalid("$", "a JSON array of products is required");
        return imports.json(rows);
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public ImportResult importCsv(String csv) {
        return imports.csv(csv);
    }
}
