package io.surgewms.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Set-based SQL in a few lines: bind parameters (Instant as timestamptz, a typed null), map rows, run an
 * update. The shape issue 21 asks every feature to share; shipping is its first user.
 */
public final class Jdbc {
    private Jdbc() {}

    /** A row to a value. */
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A null parameter of a given SQL type (PostgreSQL needs the type of a bare null it cannot infer). */
    public record Null(int sqlType) {}

    public static final Null NULL_TEXT = new Null(Types.VARCHAR), NULL_LONG = new Null(Types.BIGINT), NULL_INT = new Null(Types.INTEGER),
            NULL_BYTES = new Null(Types.BINARY);

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(row.map(rs));
                return out;
            }
        }
    }

    /** The first row, or null. */
    public static <T> T one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row.map(rs) : null;
            }
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant t) ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            else if (a instanceof Null n) ps.setNull(i + 1, n.sqlType());
            else if (a instanceof Enum<?> e) ps.setString(i + 1, e.name());
            else if (a == null) ps.setNull(i + 1, Types.VARCHAR);
            else ps.setObject(i + 1, a);
        }
    }

    public static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    public static Integer intOrNull(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }
}
