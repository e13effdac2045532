package io.surgewms.catalog;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.agroal.api.AgroalDataSource;
import io.surgewms.labels.BatchLabel;
import io.surgewms.labels.BatchLabelPrint;
import io.surgewms.platform.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Product labels (the GTIN as a barcode, with the name) for items that arrive unlabelled, in batches. */
@Path("/api/products/labels")
@Tag(name = "Catalog")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class ProductLabelResource {

    @Inject AgroalDataSource db;

    @GET
    @Produces({"application/pdf", "application/zpl", MediaType.APPLICATION_JSON})
    @Operation(summary = "Labels of a shop's products (optionally one SKU, `copies` each): format=pdf (a sheet on the site's paper: A4 24-up or Letter 30-up) or zpl")
    public Response labels(@QueryParam("shop") String shop, @QueryParam("sku") String sku, @QueryParam("copies") Integer copies,
                           @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        if (shop == null || shop.isBlank()) throw ProblemException.invalid("shop", "required");
        int n = copies == null ? 1 : copies;
        if (n < 1 || n > 1000) throw ProblemException.invalid("copies", "between 1 and 1000");
        List<BatchLabel> labels = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select distinct on (p.id) b.barcode, p.name from product p join shop s on s.id = p.shop_id
                  join product_barcode b on b.product_id = p.id and b.kind like 'GTIN%'
                 where s.code = ? and (cast(? as text) is null or p.sku = ?) order by p.id, b.id limit ?""")) {
            ps.setString(1, shop);
            ps.setString(2, sku);
            ps.setString(3, sku);
            ps.setInt(4, BatchLabelPrint.MAX_LABELS + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) for (int i = 0; i < n; i++) labels.add(BatchLabel.product(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (labels.isEmpty()) throw ProblemException.notFound("No product of shop '" + shop + "'" + (sku == null ? "" : " with SKU '" + sku + "'") + " has a GTIN");
        BatchLabelPrint.Output out = BatchLabelPrint.render(labels, format, dpi);
        return Response.ok(out.body(), out.mediaType()).build();
    }
}
