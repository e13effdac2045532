package io.surgewms.packing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Every scan at a station is recorded, accepted or rejected (invariant 5), in the floor's one scan table. */
final class PackScans {
    private PackScans() {}

    /** @param device the serial scanner's name, or null for the station's page (a keyboard-wedge scanner) */
    static PackView.Answer record(Connection c, String station, String device, String packer, String code, Long orderId, PackView.Answer a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into scan (device, actor, location, code, expected, result, reason, message)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, device != null ? device : "station:" + station);
            ps.setString(2, packer);
            ps.setString(3, station);
            ps.setString(4, code.length() > 200 ? code.substring(0, 200) : code);
            ps.setString(5, orderId == null ? "ORDER" : "ITEM of order " + orderId);
            ps.setString(6, a.result());
            ps.setString(7, a.reason());
            ps.setString(8, a.message());
            ps.executeUpdate();
        }
        return a;
    }
}
