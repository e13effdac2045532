package io.surgewms.inventory;

import io.surgewms.inventory.InventoryRequests.Receipt;
import io.surgewms.inventory.InventoryRequests.ReceiptLine;
import io.surgewms.inventory.InventoryRequests.StockRow;
import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.CsvReader;
import io.surgewms.platform.CsvTable;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ImportResult;
import io.surgewms.platform.ImportResult.Rejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk stock load (opening balances, a site migration): every valid row is booked as a receipt
 * line, grouped per shop, through the ledger like any receipt. A bad row is reported and skipped.
 */
@ApplicationScoped
public class StockImport {

    @Inject InventoryService inventory;
    @Inject StockLookup lookup;
    @Inject AgroalDataSource db;

    public ImportResult importRows(List<StockRow> rows, String reference, String actor) {
        List<Rejected> rejected = new ArrayList<>();
        Map<String, List<ReceiptLine>> byShop = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            Map<String, Long> shops = new java.util.HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                StockRow r = rows.get(i);
                int row = i + 1;
                if (blank(r.shop())) { rejected.add(new Rejected(row, "shop", "required")); continue; }
                if (blank(r.sku())) { rejected.add(new Rejected(row, "sku", "required")); continue; }
                if (blank(r.location())) { rejected.add(new Rejected(row, "location", "required")); continue; }
                if (r.quantity() == null || r.quantity() <= 0) { rejected.add(new Rejected(row, "quantity", "must be a positive whole number")); continue; }
                Long shopId = shops.computeIfAbsent(r.shop(), code -> idOrNull(() -> lookup.shopId(c, code, "shop")));
                if (shopId == null) { rejected.add(new Rejected(row, "shop", "unknown shop '" + r.shop() + "'")); continue; }
                Long productId = lookup.productId(c, shopId, r.sku());
                if (productId == null) { rejected.add(new Rejected(row, "sku", "unknown SKU '" + r.sku() + "'")); continue; }
                if (lookup.isBundle(c, productId)) { rejected.add(new Rejected(row, "sku", "'" + r.sku() + "' is a bundle: stock its components")); continue; }
                if (lookup.locationId(c, r.location()) == null) { rejected.add(new Rejected(row, "location", "unknown location '" + r.location() + "'")); continue; }
                byShop.computeIfAbsent(r.shop(), k -> new ArrayList<>()).add(new ReceiptLine(r.sku(), r.location(), r.quantity()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        int imported = 0;
        for (var e : byShop.entrySet()) {
            inventory.receive(new Receipt(e.getKey(), reference, e.getValue()), actor);
            imported += e.getValue().size();
        }
        return new ImportResult(imported, 0, rejected);
    }

    /** CSV with the header shop,sku,location,quantity (any column order). */
    public ImportResult csv(String text, String reference, String actor) {
        CsvTable csv = CsvTable.parse(text, List.of("shop", "sku", "location", "quantity"), List.of());
        List<StockRow> parsed = new ArrayList<>();
        for (CsvReader.Row r : csv.rows()) {
            List<Problem.FieldError> ignored = new ArrayList<>(); // a bad quantity is reported by importRows with its row
            parsed.add(new StockRow(csv.text(r, "shop"), csv.text(r, "sku"), csv.text(r, "location"), csv.whole(r, "quantity", ignored)));
        }
        return importRows(parsed, reference, actor);
    }

    interface IdCall { long get() throws SQLException; }

    private static Long idOrNull(IdCall call) {
        try {
            return call.get();
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
