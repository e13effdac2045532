package io.surgewms.platform;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;

/** Array parameters for the set-at-a-time statements (insert ... select * from unnest(?...)) of hot paths. */
public final class Sql {
    private Sql() {}

    public static Array longs(Connection c, Collection<Long> v) throws SQLException {
        return c.createArrayOf("bigint", v.toArray(new Long[0]));
    }

    public static Array ints(Connection c, Collection<Integer> v) throws SQLException {
        return c.createArrayOf("integer", v.toArray(new Integer[0]));
    }

    public static Array texts(Connection c, Collection<String> v) throws SQLException {
        return c.createArrayOf("text", v.toArray(new String[0]));
    }

    /** A timestamptz column as an Instant; null stays null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
