package io.surgewms.catalog;

import java.util.List;

public record ProductView(long id, String shop, String sku, String name, List<BarcodeView> barcodes,
                          int weightG, int lengthMm, int widthMm, int heightMm) {

    public record BarcodeView(String barcode, String kind) {}

    static ProductView of(Product p, List<ProductBarcode> barcodes) {
        return new ProductView(p.id, p.shop.code, p.sku, p.name,
                barcodes.stream().map(b -> new BarcodeView(b.barcode, b.kind)).toList(),
                p.weightG, p.lengthMm, p.widthMm, p.heightMm);
    }

    static ProductView of(Product p) {
        return of(p, p.barcodes);
    }
}
