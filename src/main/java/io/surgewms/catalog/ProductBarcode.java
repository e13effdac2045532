package io.surgewms.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.Collection;
import java.util.List;

/**
 * One barcode of a product. Unique within a shop, not across shops: two sellers of a 3PL may
 * stock the same GTIN, so the shop id is kept on the row to make that constraint possible.
 */
@Entity
@Table(name = "product_barcode")
public class ProductBarcode extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "shop_id")
    public Long shopId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id")
    public Product product;

    public String barcode;

    public String kind;

    public static List<ProductBarcode> inShop(Long shopId, Collection<String> barcodes) {
        return list("shopId = ?1 and barcode in ?2", shopId, barcodes);
    }

    public static List<ProductBarcode> ofProducts(Collection<Long> productIds) {
        return list("product.id in ?1 order by id", productIds);
    }
}
