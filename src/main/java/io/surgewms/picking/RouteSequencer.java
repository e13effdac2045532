package io.surgewms.picking;

import io.surgewms.layout.LayoutGeometry;
import io.surgewms.picking.routing.PickStop;
import io.surgewms.picking.routing.Route;
import io.surgewms.picking.routing.WarehouseRouting;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts a task's stops in walking order: zone by zone, each zone routed on its layout's geometry
 * (exact for single-block layouts). Bins of a zone without a generated layout follow the pick sequence.
 */
@ApplicationScoped
public class RouteSequencer {

    private final WarehouseRouting routing = new WarehouseRouting();

    /** A stop to place: its bin's zone, aisle, bay and pick sequence. */
    public interface Placed {
        String zone();
        int aisle();
        int bay();
        int pickSeq();
    }

    public record Sequenced<T>(List<T> stops, double metres) {}

    public <T extends Placed> Sequenced<T> sequence(Connection c, List<T> stops) throws SQLException {
        Map<String, List<T>> byZone = new TreeMap<>();
        for (T s : stops) byZone.computeIfAbsent(s.zone(), z -> new ArrayList<>()).add(s);
        List<T> out = new ArrayList<>(stops.size());
        double metres = 0;
        for (var e : byZone.entrySet()) {
            LayoutGeometry g = geometry(c, e.getKey());
            List<T> zoneStops = e.getValue();
            if (g == null || zoneStops.stream().anyMatch(s -> s.aisle() < 1 || s.aisle() > g.aisles() || s.bay() < 1 || s.bay() > g.bays())) {
                zoneStops.sort(Comparator.comparingInt(Placed::pickSeq));
                out.addAll(zoneStops);
                continue;
            }
            List<PickStop> points = new ArrayList<>();
            for (int i = 0; i < zoneStops.size(); i++) points.add(PickStop.atBay(g, zoneStops.get(i).aisle(), zoneStops.get(i).bay(), i));
            Route r = routing.route(g, points);
            for (int i : r.order()) out.add(zoneStops.get(i));
            metres += r.length();
        }
        return new Sequenced<>(out, metres);
    }

    static LayoutGeometry geometry(Connection c, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select aisles, bays, cross_aisles, bay_width_m, aisle_pitch_m, cross_aisle_m, depot_x, depot_y
                  from layout where zone = ?""")) {
            ps.setString(1, zone);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new LayoutGeometry(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7), rs.getDouble(8));
            }
        }
    }
}
