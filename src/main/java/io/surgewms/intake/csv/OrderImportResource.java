package io.surgewms.intake.csv;

import io.surgewms.platform.ProblemException;
import io.surgewms.security.CurrentCaller;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** CSV import of orders and its template. */
@Path("/api/orders/import")
@Tag(name = "Orders")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.ORDERS_WRITE})
public class OrderImportResource {

    @Inject OrderImport imports;
    @Inject CurrentCaller caller;

    @GET
    @Path("template")
    @Produces("text/csv")
    @Operation(summary = "The order CSV template: the header and one example order line (for shop= and its first SKU when given)",
            description = "One row per order line; the order's columns repeat on each of its rows. Columns: shop, external_id, ship_by"
                    + " (ISO-8601 with offset), carrier, service, priority (0-9, optional), content_tag (optional), name, line1, line2"
                    + " (optional), city, region (optional), postal_code, country (ISO 3166-1 alpha-2), phone, email (optional), sku, quantity (1-10000)")
    public Response template(@QueryParam("shop") String shop) {
        String code = shop == null && !caller.confined() ? null : caller.shopFilter(shop);
        String sku = code == null ? null : imports.firstSku(code);
        String csv = imports.template(code == null ? "glow" : code, sku == null ? "GLOW-0001" : sku);
        return Response.ok(csv, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"orders-template.csv\"").build();
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import orders from CSV (the template's columns): an order with any bad row is not imported; the answer names"
            + " each bad row {row, field, reason} and each order's outcome (CREATED, EXISTING, REJECTED). Importing a file again creates nothing")
    public OrderImport.Result importCsv(String csv) {
        if (csv == null || csv.isBlank()) throw ProblemException.invalid("header", "empty file; download /api/orders/import/template");
        return imports.csv(csv, caller::mayUseShop);
    }
}
