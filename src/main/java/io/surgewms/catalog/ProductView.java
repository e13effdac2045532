package io.surgewms.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A product as the API shows it; {@code components} only for a bundle. */
public record ProductView(long id, String shop, String sku, String name, List<BarcodeView> barcodes,
                          int weightG, int lengthMm, int widthMm, int heightMm,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<ComponentView> components) {

    public record BarcodeView(String barcode, String kind) {}

    /** One component of a bundle: its SKU and how many of it one bundle holds. */
    public record ComponentView(String sku, int quantity) {}

    static ProductView of(Product p, List<ProductBarcode> barcodes, List<ComponentView> components) {
        return new ProductView(p.id, p.shop.code, p.sku, p.name,
                barcodes.stream().map(b -> new BarcodeView(b.barcode, b.kind)).toList(),
                p.weightG, p.lengthMm, p.widthMm, p.heightMm, components == null || components.isEmpty() ? null : components);
    }
}
