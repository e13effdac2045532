package io.surgewms.catalog;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** "What is this?" for a scanned product barcode. */
@Path("/api/barcodes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PICKER, Roles.PACKER})
public class BarcodeResource {

    @Inject
    ProductService products;

    @GET
    @Path("{code}")
    public List<ProductView> lookup(@PathParam("code") String code, @QueryParam("shop") String shop) {
        return products.byBarcode(code, shop);
    }
}
