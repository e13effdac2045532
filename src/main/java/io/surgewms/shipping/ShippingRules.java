package io.surgewms.shipping;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A shop's rate-shopping rules (table shipping_rule), replaced as a whole, read in position order. */
@ApplicationScoped
public class ShippingRules {

    @Inject AgroalDataSource db;

    public List<RateShopping.Rule> put(String shop, List<RateShopping.Rule> rules) {
        if (rules == null) throw ProblemException.invalid("$", "send a list of rules");
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RateShopping.Rule r = rules.get(i);
            String at = "[" + i + "]";
            if (r == null) { errors.add(new Problem.FieldError(at, "required")); continue; }
            if (r.strategy() == null) errors.add(new Problem.FieldError(at + ".strategy", "CHEAPEST_ON_TIME or FASTEST_UNDER_CEILING"));
            if (r.strategy() == RateShopping.Strategy.FASTEST_UNDER_CEILING && r.maxCostCents() == null)
                errors.add(new Problem.FieldError(at + ".maxCostCents", "required for FASTEST_UNDER_CEILING"));
            if (r.maxCostCents() != null && r.maxCostCents() < 0) errors.add(new Problem.FieldError(at + ".maxCostCents", "must not be negative"));
            if (r.maxTransitDays() != null && r.maxTransitDays() < 0) errors.add(new Problem.FieldError(at + ".maxTransitDays", "must not be negative"));
            if (r.minWeightG() != null && r.maxWeightG() != null && r.minWeightG() > r.maxWeightG())
                errors.add(new Problem.FieldError(at + ".maxWeightG", "below minWeightG"));
            if (r.country() != null && !r.country().matches("[A-Za-z]{2}")) errors.add(new Problem.FieldError(at + ".country", "ISO alpha-2"));
        }
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Long shopId = Jdbc.one(c, "select id from shop where code = ?", rs -> rs.getLong(1), shop);
                if (shopId == null) throw ProblemException.notFound("No shop " + shop);
                Jdbc.update(c, "delete from shipping_rule where shop_id = ?", shopId);
                for (int i = 0; i < rules.size(); i++) {
                    RateShopping.Rule r = rules.get(i);
                    Array carriers = r.carriers() == null ? null : c.createArrayOf("text", r.carriers().toArray());
                    Jdbc.update(c, """
                            insert into shipping_rule (shop_id, position, channel, country, min_weight_g, max_weight_g, content_tag,
                                                       strategy, max_cost_cents, max_transit_days, carriers)
                            values (?, ?, ?, upper(?), ?, ?, ?, ?, ?, ?, ?)""",
                            shopId, i + 1, r.channel(), r.country(), nullInt(r.minWeightG()), nullInt(r.maxWeightG()), r.contentTag(),
                            r.strategy(), r.maxCostCents() == null ? Jdbc.NULL_LONG : r.maxCostCents(), nullInt(r.maxTransitDays()),
                            carriers == null ? new Jdbc.Null(java.sql.Types.ARRAY) : carriers);
                }
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return list(shop);
    }

    public List<RateShopping.Rule> list(String shop) {
        try (Connection c = db.getConnection()) {
            Long shopId = Jdbc.one(c, "select id from shop where code = ?", rs -> rs.getLong(1), shop);
            if (shopId == null) throw ProblemException.notFound("No shop " + shop);
            return forShop(c, shopId);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    List<RateShopping.Rule> forShop(Connection c, long shopId) throws SQLException {
        return Jdbc.list(c, """
                select position, channel, country, min_weight_g, max_weight_g, content_tag, strategy, max_cost_cents, max_transit_days, carriers
                  from shipping_rule where shop_id = ? order by position""",
                rs -> {
                    Array a = rs.getArray(10);
                    return new RateShopping.Rule(rs.getInt(1), rs.getString(2), rs.getString(3), Jdbc.intOrNull(rs, 4), Jdbc.intOrNull(rs, 5),
                            rs.getString(6), RateShopping.Strategy.valueOf(rs.getString(7)), Jdbc.longOrNull(rs, 8), Jdbc.intOrNull(rs, 9),
                            a == null ? null : Arrays.asList((String[]) a.getArray()));
                }, shopId);
    }

    private static Object nullInt(Integer v) {
        return v == null ? Jdbc.NULL_INT : v;
    }
}
