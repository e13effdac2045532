package io.surgewms.layout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** A place stock or goods can be: a rack bin, a tote, a cart, a staging lane. Its code is its barcode. */
@Entity
@Table(name = "location")
public class Location extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String code;

    @Enumerated(EnumType.STRING)
    public LocationKind kind;

    public String zone;
    public Integer aisle;
    public Integer bay;
    public Integer level;
    public Integer position;
    public double x;
    public double y;

    @Column(name = "pick_seq")
    public int pickSeq;

    public boolean active = true;

    public static Optional<Location> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    private static final String COLUMNS = "kind, zone, aisle, bay, level, position, x, y, pick_seq";

    /** Inserts many complete locations as one JDBC batch (the driver rewrites it to multi-row inserts). */
    static void insertAll(Connection c, List<NewLocation> rows) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("insert into location (" + COLUMNS + ", code) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (NewLocation l : rows) {
                bind(ps, l);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Replaces everything but the code of existing locations, as one JDBC batch. */
    static void updateAll(Connection c, List<NewLocation> rows) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("update location set (" + COLUMNS + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?) where code = ?")) {
            for (NewLocation l : rows) {
                bind(ps, l);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, NewLocation l) throws SQLException {
        ps.setString(1, l.kind().name());
        ps.setString(2, l.zone());
        setInt(ps, 3, l.aisle());
        setInt(ps, 4, l.bay());
        setInt(ps, 5, l.level());
        setInt(ps, 6, l.position());
        ps.setBigDecimal(7, metres(l.x()));
        ps.setBigDecimal(8, metres(l.y()));
        ps.setInt(9, l.pickSeq());
        ps.setString(10, l.code());
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    /** The column keeps millimetres (numeric(10,3)); round the same way PostgreSQL would. */
    static BigDecimal metres(Double v) {
        return BigDecimal.valueOf(v == null ? 0 : v).setScale(3, RoundingMode.HALF_UP);
    }
}
