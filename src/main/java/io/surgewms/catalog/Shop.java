package io.surgewms.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A seller whose goods the warehouse holds; everything stocked or ordered belongs to one shop. */
@Entity
@Table(name = "shop")
public class Shop extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String code;

    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<Shop> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
