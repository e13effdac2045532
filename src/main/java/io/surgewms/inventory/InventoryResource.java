package io.surgewms.inventory;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.surgewms.inventory.InventoryRequests.Adjustment;
import io.surgewms.platform.ImportResult;
import io.surgewms.inventory.InventoryRequests.Move;
import io.surgewms.inventory.InventoryRequests.Receipt;
import io.surgewms.inventory.InventoryRequests.ReceiptResult;
import io.surgewms.inventory.InventoryRequests.StockLevel;
import io.surgewms.inventory.InventoryRequests.StockRow;
import io.surgewms.platform.Page;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** Stock, receipts, adjustments, moves and the ledger over HTTP. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Inventory")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class InventoryResource {

    @Inject io.surgewms.security.Audit audit;

    @Inject io.surgewms.security.CurrentCaller caller;

    @Inject InventoryService inventory;
    @Inject StockQueries queries;
    @Inject StockImport stockImport;

    @POST
    @Path("/inventory/receipts")
    @Operation(summary = "Book received units into bins; waiting backorders are allocated at once")
    public Response receive(@Valid @NotNull Receipt receipt) {
        ReceiptResult r = inventory.receive(receipt, caller.name());
        return Response.status(201).entity(r).build();
    }

    @POST
    @Path("/inventory/adjustments")
    @Operation(summary = "Correct on-hand at a bin by a delta or to a counted quantity, with a reason")
    public StockLevel adjust(@Valid @NotNull Adjustment a) {
        StockLevel level = inventory.adjust(a, caller.name());
        audit.record(caller.name(), "stock.adjust", a.shop() + "/" + a.sku() + "@" + a.location(), java.util.Map.of("delta", String.valueOf(a.delta()),
                "counted", String.valueOf(a.countedQuantity()), "reason", a.reason()));
        return level;
    }

    @POST
    @Path("/inventory/moves")
    @Operation(summary = "Move unreserved units from one bin to another")
    public List<StockLevel> move(@Valid @NotNull Move m) {
        return inventory.move(m, caller.name());
    }

    @GET
    @Path("/inventory/ledger")
    @Operation(summary = "The stock ledger, newest first")
    public Page<StockQueries.LedgerRow> ledger(@QueryParam("shop") String shop, @QueryParam("sku") String sku,
                                               @QueryParam("location") String location, @QueryParam("orderId") Long orderId,
                                               @QueryParam("kind") String kind,
                                               @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return queries.ledger(shop, sku, location, orderId, kind, page, size);
    }

    @GET
    @Path("/inventory/reconciliation")
    @Operation(summary = "Check that every stock row equals the sum of its ledger and none is oversold")
    public StockQueries.Reconciliation reconcile() {
        return queries.reconcile();
    }

    @GET
    @Path("/stock")
    @Operation(summary = "Stock rows by SKU and bin")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.SHOP, Roles.STOCK_READ})
    public Page<StockQueries.StockRowView> stock(@QueryParam("shop") String shop, @QueryParam("sku") String sku,
                                                 @QueryParam("location") String location, @QueryParam("zone") String zone,
                                                 @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return queries.stock(caller.shopFilter(shop), sku, location, zone, page, size);
    }

    @GET
    @Path("/stock/atp/{shop}/{sku}")
    @Operation(summary = "Available to promise of a SKU, with its bins")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.SHOP, Roles.STOCK_READ})
    public StockQueries.Atp atp(@PathParam("shop") String shop, @PathParam("sku") String sku) {
        return queries.atp(caller.shopFilter(shop), sku);
    }

    @POST
    @Path("/stock/import")
    @Operation(summary = "Bulk stock load as receipts: rows shop, sku, location, quantity; bad rows are reported and skipped")
    public ImportResult importStock(@NotNull List<StockRow> rows) {
        return stockImport.importRows(rows, "import-" + Instant.now(), caller.name());
    }

    @POST
    @Path("/stock/import")
    @Consumes("text/csv")
    @Operation(summary = "Bulk stock load from CSV with the header shop,sku,location,quantity")
    public ImportResult importStockCsv(String csv) {
        return stockImport.csv(csv, "import-" + Instant.now(), caller.name());
    }
}
