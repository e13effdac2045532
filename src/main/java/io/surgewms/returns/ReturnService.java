package io.surgewms.returns;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import io.surgewms.returns.ReturnRequests.NewLine;
import io.surgewms.returns.ReturnRequests.NewReturn;
import io.surgewms.returns.ReturnRequests.Rma;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authorising a return and closing it. Only shipped units can come back: per SKU, what left in SHIPPED
 * parcels minus what other returns of the order already cover (open ones their expected quantity,
 * closed ones what actually came in). The order row is locked while that is counted, so two returns
 * made at once cannot both take the same units. The order stays SHIPPED; its history gets a note.
 */
@ApplicationScoped
public class ReturnService {

    @Inject AgroalDataSource db;

    public record Created(Rma rma, boolean created) {}

    /** Resolves (shop, channel, externalId) to the order's id, or 404. */
    public long orderId(String shop, String channel, String externalId) {
        if (shop == null || channel == null || externalId == null)
            throw ProblemException.invalid("orderId", "give orderId, or shop, channel and externalId");
        try (Connection c = db.getConnection()) {
            List<Long> ids = ReturnQueries.ids(c, """
                    select o.id from orders o join shop s on s.id = o.shop_id where s.code = ? and o.channel = ? and o.external_id = ?""",
                    shop, channel, externalId);
            if (ids.isEmpty()) throw ProblemException.notFound("No order " + shop + "/" + channel + "/" + externalId);
            return ids.get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Created create(long orderId, NewReturn r, String source, String actor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.lines() == null || r.lines().isEmpty()) errors.add(new Problem.FieldError("lines", "name at least one SKU and quantity"));
        Set<String> skus = new HashSet<>();
        for (int i = 0; r.lines() != null && i < r.lines().size(); i++) {
            NewLine l = r.lines().get(i);
            String at = "lines[" + i + "]";
            if (l == null || l.sku() == null || l.sku().isBlank()) { errors.add(new Problem.FieldError(at + ".sku", "required")); continue; }
            if (!skus.add(l.sku())) errors.add(new Problem.FieldError(at + ".sku", "SKU " + l.sku() + " twice: one line per SKU"));
            if (l.quantity() == null || l.quantity() < 1) errors.add(new Problem.FieldError(at + ".quantity", "must be 1 or more"));
            if (l.reason() == null || !ReturnRequests.REASONS.contains(l.reason()))
                errors.add(new Problem.FieldError(at + ".reason", "one of " + String.join(", ", ReturnRequests.REASONS.stream().sorted().toList())));
        }
        if (r.reference() != null && (r.reference().isBlank() || r.reference().length() > 100))
            errors.add(new Problem.FieldError("reference", "1-100 characters"));
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                long shopId;
                String status;
                try (PreparedStatement ps = c.prepareStatement("select shop_id, status from orders where id = ? for update")) {
                    ps.setLong(1, orderId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw ProblemException.notFound("No order " + orderId);
                        shopId = rs.getLong(1);
                        status = rs.getString(2);
                    }
                }
                if (r.reference() != null) {
                    List<Long> same = ReturnQueries.ids(c, "select id from rma where order_id = ? and reference = ?", orderId, r.reference());
                    if (!same.isEmpty()) return new Created(ReturnQueries.view(c, same.get(0)), false);
                }
                if (!"SHIPPED".equals(status))
                    throw ProblemException.conflict("Order " + orderId + " is " + status + ": only a shipped order can be returned");
                Map<String, long[]> returnable = returnable(c, orderId);  // sku -> {productId, shipped, covered}
                List<Problem.FieldError> over = new ArrayList<>();
                for (int i = 0; i < r.lines().size(); i++) {
                    NewLine l = r.lines().get(i);
                    long[] q = returnable.get(l.sku());
                    if (q == null) over.add(new Problem.FieldError("lines[" + i + "].sku", l.sku() + " was not shipped on order " + orderId));
                    else if (l.quantity() > q[1] - q[2])
                        over.add(new Problem.FieldError("lines[" + i + "].quantity", "only " + Math.max(0, q[1] - q[2]) + " of " + l.sku()
                                + " can be returned: " + q[1] + " shipped, " + q[2] + " already on returns"));
                }
                if (!over.isEmpty())
                    throw new ProblemException(new Problem("urn:surge:problem:conflict", "Conflict", 409,
                            over.size() == 1 ? over.get(0).reason() : over.size() + " lines ask for more than can be returned", null, over));
                long id;
                String code;
                try (PreparedStatement ps = c.prepareStatement("select nextval('rma_serial')"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    code = String.format("RMA-%06d", rs.getLong(1));
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into rma (code, order_id, shop_id, source, reference, note, created_by) values (?, ?, ?, ?, ?, ?, ?) returning id""")) {
                    Object[] args = {code, orderId, shopId, source, r.reference(), r.note(), actor};
                    for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                    try (ResultSet rs = ps.executeQuery()) { rs.next(); id = rs.getLong(1); }
                }
                int units = 0;
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into rma_line (rma_id, line_no, product_id, sku, quantity, reason) values (?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < r.lines().size(); i++) {
                        NewLine l = r.lines().get(i);
                        ps.setLong(1, id);
                        ps.setInt(2, i + 1);
                        ps.setLong(3, returnable.get(l.sku())[0]);
                        ps.setString(4, l.sku());
                        ps.setInt(5, l.quantity());
                        ps.setString(6, l.reason());
                        ps.addBatch();
                        units += l.quantity();
                    }
                    ps.executeBatch();
                }
                orderNote(c, orderId, actor, "return " + code + " authorised: " + units + (units == 1 ? " unit" : " units") + " (" + source + ")");
                return new Created(ReturnQueries.view(c, id), true);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    /**
     * Ends receiving. The RMA's status says what became of its units; one {@code return.received} outbox
     * event per line (and per unexpected code) tells the channel, in this same transaction.
     */
    public Rma close(long id, String actor) {
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                String[] head = ReturnDesk.lockRma(c, id);
                if (!ReturnDesk.receivable(head[0])) throw ProblemException.conflict("Return " + head[1] + " is already " + head[0]);
                String status;
                try (PreparedStatement ps = c.prepareStatement("""
                        select case when bool_or(disposition = 'RESTOCK') then 'RESTOCKED' when bool_or(disposition = 'QUARANTINE') then 'QUARANTINED'
                                    when count(*) > 0 then 'SCRAPPED' else 'CANCELLED' end from rma_unit where rma_id = ?""")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) { rs.next(); status = rs.getString(1); }
                }
                try (PreparedStatement ps = c.prepareStatement("update rma set status = ?, closed_at = now(), closed_by = ? where id = ?")) {
                    ps.setString(1, status);
                    ps.setString(2, actor);
                    ps.setLong(3, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(OUTBOX)) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                Rma r = ReturnQueries.view(c, id);
                int in = r.units().size();
                orderNote(c, r.orderId(), actor, "return " + r.code() + " closed " + status + ": " + in + (in == 1 ? " unit" : " units") + " received");
                return r;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    /** Per expected line and per unexpected code: what came in and what became of it. */
    private static final String OUTBOX = """
            insert into outbox (topic, key, payload)
            select 'return.received', o.channel || ':' || o.external_id,
                   jsonb_build_object('rma', r.code, 'rmaId', r.id, 'status', r.status, 'orderId', o.id, 'shop', s.code,
                                      'channel', o.channel, 'externalId', o.external_id, 'sku', g.sku, 'code', g.code,
                                      'reason', g.reason, 'expected', g.expected, 'received', g.received,
                                      'restocked', g.restocked, 'quarantined', g.quarantined, 'scrapped', g.scrapped,
                                      'unexpected', g.unexpected, 'closedAt', r.closed_at)
              from rma r join orders o on o.id = r.order_id join shop s on s.id = r.shop_id
              join lateral (
                    select l.line_no as n, l.sku, null::text as code, l.reason, l.quantity as expected, count(u.id) as received,
                           count(u.id) filter (where u.disposition = 'RESTOCK') as restocked,
                           count(u.id) filter (where u.disposition = 'QUARANTINE') as quarantined,
                           count(u.id) filter (where u.disposition = 'SCRAP') as scrapped,
                           count(u.id) filter (where u.unexpected) as unexpected
                      from rma_line l left join rma_unit u on u.line_id = l.id where l.rma_id = r.id group by l.id
                    union all
                    select 100000, p.sku, u.code, null, 0, count(*), count(*) filter (where u.disposition = 'RESTOCK'),
                           count(*) filter (where u.disposition = 'QUARANTINE'), count(*) filter (where u.disposition = 'SCRAP'), count(*)
                      from rma_unit u left join product p on p.id = u.product_id where u.rma_id = r.id and u.line_id is null
                     group by p.sku, u.code) g on true
             where r.id = ?
             order by g.n, g.code""";

    /** sku -> {productId, shipped, already covered by other returns} for the order's shipped SKUs. */
    private static Map<String, long[]> returnable(Connection c, long orderId) throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select sl.product_id, sl.sku, sum(sl.quantity),
                       coalesce((select sum(case when r.status in ('OPEN', 'RECEIVED') then l.quantity else l.received end)
                                   from rma_line l join rma r on r.id = l.rma_id where r.order_id = ? and l.product_id = sl.product_id), 0)
                  from shipment_line sl join shipment sh on sh.id = sl.shipment_id
                 where sh.order_id = ? and sh.status = 'SHIPPED' group by sl.product_id, sl.sku""")) {
            ps.setLong(1, orderId);
            ps.setLong(2, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(2), new long[]{rs.getLong(1), rs.getLong(3), rs.getLong(4)});
            }
        }
        return out;
    }

    /** The order's history shows its returns; the order itself stays SHIPPED (analytics count only the first SHIPPED). */
    static void orderNote(Connection c, long orderId, String actor, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into order_event (order_id, from_status, to_status, actor, note) values (?, 'SHIPPED', 'SHIPPED', ?, ?)")) {
            ps.setLong(1, orderId);
            ps.setString(2, actor);
            ps.setString(3, note);
            ps.executeUpdate();
        }
    }
}
