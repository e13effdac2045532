package io.surgewms.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A sellable item of one shop, identified within it by its SKU and by each of its barcodes. */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "shop_id")
    public Shop shop;

    public String sku;

    public String name;

    @Column(name = "weight_g")
    public int weightG;

    @Column(name = "length_mm")
    public int lengthMm;

    @Column(name = "width_mm")
    public int widthMm;

    @Column(name = "height_mm")
    public int heightMm;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @OneToMany(mappedBy = "product", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<ProductBarcode> barcodes = new ArrayList<>();

    public static Optional<Product> findBySku(Shop shop, String sku) {
        return find("shop = ?1 and sku = ?2", shop, sku).firstResultOptional();
    }
}
