package io.surgewms.inventory.replenishment;

import io.agroal.api.AgroalDataSource;
import io.surgewms.inventory.StockLookup;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pick-face settings: per PICK_FACE bin and SKU the min below which it is refilled and the max it is refilled to.
 * A change is checked against the face at once (a face already below its new min gets its task).
 */
@ApplicationScoped
public class PickFaces {

    @Inject AgroalDataSource db;
    @Inject StockLookup lookup;

    public record Setting(String shop, String sku, Integer min, Integer max) {}

    public record FaceView(String location, String shop, String sku, int min, int max, int onHand, int allocated, Long openTask) {}

    public FaceView put(String location, Setting s, String actor) {
        if (s == null) throw ProblemException.invalid("body", "required");
        if (s.shop() == null || s.shop().isBlank()) throw ProblemException.invalid("shop", "required");
        if (s.sku() == null || s.sku().isBlank()) throw ProblemException.invalid("sku", "required");
        if (s.min() == null || s.min() < 0) throw ProblemException.invalid("min", "required, at least 0");
        if (s.max() == null || s.max() < 1) throw ProblemException.invalid("max", "required, at least 1");
        if (s.min() > s.max()) throw ProblemException.invalid("min", "must not exceed max");
        long[] ids = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                long locationId = face(c, location);
                long shopId = lookup.shopId(c, s.shop(), "shop");
                long productId = lookup.requireProduct(c, shopId, s.sku(), "sku");
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into pick_face (location_id, product_id, min_qty, max_qty, updated_by) values (?, ?, ?, ?, ?)
                        on conflict (location_id, product_id) do update
                           set min_qty = excluded.min_qty, max_qty = excluded.max_qty, updated_at = now(), updated_by = excluded.updated_by""")) {
                    ps.setLong(1, locationId);
                    ps.setLong(2, productId);
                    ps.setInt(3, s.min());
                    ps.setInt(4, s.max());
                    ps.setString(5, actor);
                    ps.executeUpdate();
                }
                return new long[]{locationId, productId};
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                return Replenishment.belowMin(c, ids[1], ids[0], actor);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return get(location).stream().filter(f -> f.shop().equals(s.shop()) && f.sku().equals(s.sku())).findFirst().orElseThrow();
    }

    public List<FaceView> get(String location) {
        try (Connection c = db.getConnection()) {
            long locationId = face(c, location);
            List<FaceView> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select sh.code, p.sku, f.min_qty, f.max_qty, coalesce(s.on_hand, 0), coalesce(s.allocated, 0),
                           (select min(r.id) from replenishment_task r where r.to_location_id = f.location_id
                              and r.product_id = f.product_id and r.status in ('OPEN','CLAIMED'))
                      from pick_face f join product p on p.id = f.product_id join shop sh on sh.id = p.shop_id
                      left join stock s on s.product_id = f.product_id and s.location_id = f.location_id
                     where f.location_id = ? order by sh.code, p.sku""")) {
                ps.setLong(1, locationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long t = rs.getLong(7);
                        Long open = rs.wasNull() ? null : t;
                        out.add(new FaceView(location, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                                rs.getInt(6), open));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The id of a pick-face bin: 404 for an unknown code, 400 for a bin of another kind. */
    private static long face(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, kind from location where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No location " + code);
                if (!rs.getString(2).equals("PICK_FACE"))
                    throw ProblemException.invalid("location", code + " is a " + rs.getString(2) + " bin, not a PICK_FACE");
                return rs.getLong(1);
            }
        }
    }
}
