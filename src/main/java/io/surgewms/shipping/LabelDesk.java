package io.surgewms.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Sql;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a supervisor sees and does with labels: each parcel's rates and choice, a retry, an address corrected to release a hold. */
@ApplicationScoped
public class LabelDesk {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject AgroalDataSource db;
    @Inject LabelBuyer buyer;

    /** A label without its bytes: status, what was considered and why this one, what it cost, what went wrong last. */
    public record LabelView(long id, long orderId, int parcelNo, int version, LabelStatus status, String provider, String carrier,
                            String service, Long costCents, String currency, String trackingNumber, Long shipmentId, int weightG,
                            JsonNode rates, String choice, int attempts, String lastError, Instant nextAttempt, Instant boughtAt,
                            Instant voidedAt) {}

    private static final String SELECT = """
            select id, order_id, parcel_no, version, status, provider, carrier, service, cost_cents, currency, tracking_number, shipment_id,
                   weight_g, rates::text, choice, attempts, last_error, next_attempt, bought_at, voided_at from parcel_label""";

    public List<LabelView> forOrder(long orderId) {
        try (Connection c = db.getConnection()) {
            return Jdbc.list(c, SELECT + " where order_id = ? order by parcel_no, version", LabelDesk::view, orderId);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    public List<LabelView> list(LabelStatus status, int limit) {
        try (Connection c = db.getConnection()) {
            return Jdbc.list(c, SELECT + " where (cast(? as text) is null or status = ?) order by id desc limit ?", LabelDesk::view,
                    status, status, Math.min(Math.max(limit, 1), 500));
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    /** A FAILED label (credentials fixed, ceiling raised) is bought again now; the order's label exception is cleared. */
    public LabelView retry(long id) {
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                LabelView v = one(c, id);
                if (v.status() != LabelStatus.FAILED)
                    throw ProblemException.conflict("Label " + id + " is " + v.status() + ": only FAILED labels are retried by hand");
                Jdbc.update(c, """
                        update parcel_label set status = 'PLANNED', urgent = true, next_attempt = now(), attempts = 0,
                               rate_ref = case when provider_ref is null then null else rate_ref end where id = ?""", id);
                Jdbc.update(c, "update orders set exception = null where id = ? and (exception like 'Label failed:%' or exception like 'No service chosen:%')",
                        v.orderId());
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        buyer.wake();
        try (Connection c = db.getConnection()) {
            return one(c, id);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    /** A corrected ship-to address; an order on address hold is released and its label bought (checked again first). */
    public record AddressFix(String name, String line1, String line2, String city, String region, String postalCode, String country,
                             String phone) {}

    public List<LabelView> correctAddress(long orderId, AddressFix a, String actor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (a == null) throw ProblemException.invalid("line1", "send the corrected address");
        if (blank(a.name())) errors.add(new Problem.FieldError("name", "required"));
        if (blank(a.line1())) errors.add(new Problem.FieldError("line1", "required"));
        if (blank(a.city())) errors.add(new Problem.FieldError("city", "required"));
        if (blank(a.postalCode())) errors.add(new Problem.FieldError("postalCode", "required"));
        if (a.country() == null || !a.country().matches("[A-Za-z]{2}")) errors.add(new Problem.FieldError("country", "ISO alpha-2"));
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                String status = Jdbc.one(c, "select status from orders where id = ? for update", rs -> rs.getString(1), orderId);
                if (status == null) throw ProblemException.notFound("No order " + orderId);
                if (status.equals("SHIPPED") || status.equals("CANCELLED"))
                    throw ProblemException.conflict("Order " + orderId + " is " + status + ": its address can no longer change");
                if (Jdbc.one(c, "select 1 from parcel_label where order_id = ? and status in ('BOUGHT','BUYING') limit 1", rs -> 1, orderId) != null)
                    throw ProblemException.conflict("Order " + orderId + " already has a label bought for the old address: cancel and re-enter the order");
                Jdbc.update(c, """
                        update orders set ship_to_name = ?, ship_to_line1 = ?, ship_to_line2 = ?, ship_to_city = ?, ship_to_region = ?,
                               ship_to_postal = ?, ship_to_country = upper(?), ship_to_phone = coalesce(?, ship_to_phone), updated_at = now(),
                               exception = case when exception like 'Address hold:%' then null else exception end
                         where id = ?""", a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country(), a.phone(), orderId);
                Jdbc.update(c, """
                        update parcel_label set status = 'PLANNED', address_checked = false, urgent = true, next_attempt = now(), last_error = null,
                               rates = null, choice = null, rate_ref = null, quote_ref = null -- quoted for the old address
                         where order_id = ? and status in ('ADDRESS_HOLD','PLANNED','FAILED')""", orderId);
                Jdbc.update(c, "insert into order_event (order_id, from_status, to_status, actor, note) values (?, ?, ?, ?, 'ship-to address corrected')",
                        orderId, status, status, actor);
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        buyer.wake();
        return forOrder(orderId);
    }

    private static LabelView one(Connection c, long id) throws SQLException {
        LabelView v = Jdbc.one(c, SELECT + " where id = ?", LabelDesk::view, id);
        if (v == null) throw ProblemException.notFound("No label " + id);
        return v;
    }

    private static LabelView view(java.sql.ResultSet rs) throws SQLException {
        JsonNode rates;
        try {
            rates = rs.getString(14) == null ? null : JSON.readTree(rs.getString(14));
        } catch (java.io.IOException e) {
            rates = null;
        }
        return new LabelView(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), LabelStatus.valueOf(rs.getString(5)), rs.getString(6),
                rs.getString(7), rs.getString(8), Jdbc.longOrNull(rs, 9), rs.getString(10), rs.getString(11), Jdbc.longOrNull(rs, 12),
                rs.getInt(13), rates, rs.getString(15), rs.getInt(16), rs.getString(17), Sql.instant(rs, 18), Sql.instant(rs, 19),
                Sql.instant(rs, 20));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
