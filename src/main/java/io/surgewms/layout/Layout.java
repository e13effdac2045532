package io.surgewms.layout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Optional;

/** The geometry a zone's locations were generated from; routing reads it back as a {@link LayoutGeometry}. */
@Entity
@Table(name = "layout")
public class Layout extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String zone;
    public int aisles;
    public int bays;
    public int levels;

    @Column(name = "cross_aisles")
    public int crossAisles;

    @Column(name = "bay_width_m")
    public double bayWidthM;

    @Column(name = "aisle_pitch_m")
    public double aislePitchM;

    @Column(name = "cross_aisle_m")
    public double crossAisleM;

    @Column(name = "depot_x")
    public double depotX;

    @Column(name = "depot_y")
    public double depotY;

    public static Optional<Layout> findByZone(String zone) {
        return find("zone", zone).firstResultOptional();
    }

    public LayoutGeometry geometry() {
        return new LayoutGeometry(aisles, bays, crossAisles, bayWidthM, aislePitchM, crossAisleM, depotX, depotY);
    }
}
