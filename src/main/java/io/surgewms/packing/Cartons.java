package io.surgewms.packing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Carton suggestion: the smallest active carton (by volume) whose volume holds the items' volume
 * with a fill margin, whose sides fit the largest item, and whose weight limit holds the parcel.
 */
final class Cartons {
    private Cartons() {}

    /** Items rarely fill more than ~80% of a carton once they are laid in. */
    static final double FILL = 0.8;

    record Need(long volumeMm3, int[] largestSidesSorted, int weightG) {}

    static String suggest(Connection c, Need need) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select code, length_mm, width_mm, height_mm, max_weight_g, tare_g from carton_type
                 where active order by length_mm::bigint * width_mm * height_mm, code""");
             ResultSet rs = ps.executeQuery()) {
            String fallback = null;
            while (rs.next()) {
                int[] sides = {rs.getInt(2), rs.getInt(3), rs.getInt(4)};
                Arrays.sort(sides);
                long volume = (long) sides[0] * sides[1] * sides[2];
                fallback = rs.getString(1);
                boolean fits = need.volumeMm3() <= volume * FILL
                        && need.largestSidesSorted()[0] <= sides[0] && need.largestSidesSorted()[1] <= sides[1]
                        && need.largestSidesSorted()[2] <= sides[2]
                        && need.weightG() + rs.getInt(6) <= rs.getInt(5);
                if (fits) return rs.getString(1);
            }
            return fallback; // nothing fits: the largest, and the packer decides (or splits the order into parcels)
        }
    }

    static int tare(Connection c, String carton) throws SQLException {
        if (carton == null) return 0;
        try (PreparedStatement ps = c.prepareStatement("select tare_g from carton_type where code = ?")) {
            ps.setString(1, carton);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getInt(1) : 0; }
        }
    }
}
