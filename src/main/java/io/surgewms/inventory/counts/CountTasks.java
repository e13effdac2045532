package io.surgewms.inventory.counts;

import io.surgewms.platform.Sql;
import io.agroal.api.AgroalDataSource;
import io.surgewms.inventory.counts.CountViews.CounterView;
import io.surgewms.inventory.counts.CountViews.Line;
import io.surgewms.inventory.counts.CountViews.Review;
import io.surgewms.inventory.counts.CountViews.Tally;
import io.surgewms.platform.Page;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Count tasks: made on demand (or by a short pick, or the ABC schedule), claimed by a counter with
 * {@code SKIP LOCKED} so any number of handhelds and instances share the pool, and shown blind to the
 * counter (where, what, what to scan next) and in full to a supervisor.
 */
@ApplicationScoped
public class CountTasks {

    static final Set<String> STATUSES = Set.of("OPEN", "CLAIMED", "COUNTED", "PENDING_APPROVAL", "DONE", "CANCELLED");
    /** On-demand counts come after short picks and recounts, before the schedule. */
    static final int DEMAND_PRIORITY = 5, RECOUNT_PRIORITY = 8;

    @Inject AgroalDataSource db;

    public record NewCount(String location, String shop, String sku, String reason) {}

    public record Created(Review count, boolean existing) {}

    /** A count of a bin (or of one SKU in it); an open count of the same bin and SKU is answered instead of a second one. */
    public Created create(NewCount n, String actor) {
        if (n == null || n.location() == null || n.location().isBlank()) throw ProblemException.invalid("location", "required");
        long[] made = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                Long locationId = one(c, "select id from location where code = ?", n.location().trim());
                if (locationId == null) throw ProblemException.invalid("location", "unknown location '" + n.location() + "'");
                Long productId = n.sku() == null || n.sku().isBlank() ? null : product(c, n.shop(), n.sku().trim());
                // One open count per bin and SKU: serialise creators of the same bin on the location row.
                try (PreparedStatement ps = c.prepareStatement("select id from location where id = ? for update")) {
                    ps.setLong(1, locationId);
                    ps.executeQuery().close();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        select id from count_task where location_id = ? and product_id is not distinct from ?
                           and status in ('OPEN','CLAIMED','PENDING_APPROVAL') order by id limit 1""")) {
                    ps.setLong(1, locationId);
                    ps.setObject(2, productId);
                    try (ResultSet rs = ps.executeQuery()) { if (rs.next()) return new long[]{rs.getLong(1), 1}; }
                }
                String reason = n.reason() == null || n.reason().isBlank() ? "count on demand" : n.reason().trim();
                return new long[]{insert(c, locationId, productId, reason, "DEMAND", DEMAND_PRIORITY, null, null, null, actor), 0};
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return new Created(review(made[0]), made[1] == 1);
    }

    static long insert(Connection c, long locationId, Long productId, String reason, String source, int priority, String abcClass,
                       Long recountOf, List<String> notCounters, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into count_task (location_id, product_id, reason, created_by, source, priority, abc_class, recount_of, not_counters)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
            ps.setLong(1, locationId);
            ps.setObject(2, productId);
            ps.setString(3, reason);
            ps.setString(4, actor);
            ps.setString(5, source);
            ps.setInt(6, priority);
            ps.setString(7, abcClass);
            ps.setObject(8, recountOf);
            ps.setArray(9, c.createArrayOf("text", (notCounters == null ? List.<String>of() : notCounters).toArray()));
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        }
    }

    private static long product(Connection c, String shop, String sku) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select p.id from product p join shop s on s.id = p.shop_id where p.sku = ? and (?::text is null or s.code = ?)""")) {
            ps.setString(1, sku);
            ps.setString(2, shop);
            ps.setString(3, shop);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) ids.add(rs.getLong(1)); }
        }
        if (ids.isEmpty()) throw ProblemException.invalid("sku", "unknown SKU '" + sku + "'" + (shop == null ? "" : " for shop '" + shop + "'"));
        if (ids.size() > 1) throw ProblemException.invalid("shop", "several shops have SKU '" + sku + "': name the shop");
        return ids.get(0);
    }

    /**
     * The counter's claimed count, else the most urgent open one they may count (not one they counted
     * before, for a recount), optionally in one zone; null when there is none.
     */
    public CounterView claim(String counter, String zone) {
        if (counter == null || counter.isBlank()) throw ProblemException.invalid("counter", "required");
        Long id = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "select id from count_task where status = 'CLAIMED' and counter = ? order by claimed_at, id limit 1")) {
                    ps.setString(1, counter);
                    try (ResultSet rs = ps.executeQuery()) { if (rs.next()) return rs.getLong(1); }
                }
                Long got;
                try (PreparedStatement ps = c.prepareStatement("""
                        select t.id from count_task t join location l on l.id = t.location_id
                         where t.status = 'OPEN' and not (? = any(t.not_counters)) and (?::text is null or l.zone = ?)
                         order by t.priority desc, t.id limit 1
                           for update of t skip locked""")) {
                    ps.setString(1, counter);
                    ps.setString(2, zone == null || zone.isBlank() ? null : zone);
                    ps.setString(3, zone);
                    try (ResultSet rs = ps.executeQuery()) { got = rs.next() ? rs.getLong(1) : null; }
                }
                if (got == null) return null;
                try (PreparedStatement ps = c.prepareStatement("""
                        update count_task set status = 'CLAIMED', counter = ?, claimed_at = now(), phase = 'LOCATION', last_product_id = null
                         where id = ?""")) {
                    ps.setString(1, counter);
                    ps.setLong(2, got);
                    ps.executeUpdate();
                }
                return got;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return id == null ? null : counterView(id);
    }

    /** The counter gives the count back: what they scanned is forgotten, the next counter starts afresh. */
    public CounterView release(long id, String counter) {
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                String[] t = lock(c, id);
                if (!"CLAIMED".equals(t[0])) throw ProblemException.conflict("Count " + id + " is " + t[0] + ", not claimed");
                if (counter != null && !counter.equals(t[1])) throw ProblemException.conflict("Count " + id + " is not claimed by " + counter);
                try (PreparedStatement ps = c.prepareStatement("delete from count_line where count_task_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        update count_task set status = 'OPEN', counter = null, claimed_at = null, phase = 'LOCATION', last_product_id = null
                         where id = ?""")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return counterView(id);
    }

    /** Locks a count task; answers {status, counter}. */
    static String[] lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status, counter from count_task where id = ? for update")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No count task " + id);
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        }
    }

    /** Who holds the count (null when nobody, or no such count). */
    public String counterOf(long id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select counter from count_task where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getString(1) : null; }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public boolean exists(long id) {
        try (Connection c = db.getConnection()) {
            return one(c, "select id from count_task where id = ?", id) != null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public CounterView counterView(long id) {
        try (Connection c = db.getConnection()) {
            return counterView(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static CounterView counterView(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select t.status, l.code, l.zone, p.sku, p.name, t.counter, t.phase
                  from count_task t join location l on l.id = t.location_id left join product p on p.id = t.product_id
                 where t.id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No count task " + id);
                String status = rs.getString(1), location = rs.getString(2), sku = rs.getString(4), phase = rs.getString(7);
                String expect, instruction;
                if (status.equals("CLAIMED") && phase.equals("LOCATION")) {
                    expect = "LOCATION";
                    instruction = "Go to " + location + " and scan the bin";
                } else if (status.equals("CLAIMED")) {
                    expect = "ITEM";
                    instruction = (sku == null ? "Scan every item in " + location : "Scan every " + sku + " in " + location)
                            + " (or one and key the quantity); DONE when the bin is counted";
                } else if (status.equals("OPEN")) {
                    expect = "CLAIM";
                    instruction = "Claim the count";
                } else {
                    expect = "DONE";
                    instruction = "Count finished";
                }
                return new CounterView(id, status, location, rs.getString(3), sku, rs.getString(5), rs.getString(6), expect, instruction,
                        tallies(c, id));
            }
        }
    }

    private static List<Tally> tallies(Connection c, long id) throws SQLException {
        List<Tally> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select p.sku, p.name, cl.counted from count_line cl join product p on p.id = cl.product_id
                 where cl.count_task_id = ? order by cl.id""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.add(new Tally(rs.getString(1), rs.getString(2), rs.getInt(3))); }
        }
        return out;
    }

    public Review review(long id) {
        try (Connection c = db.getConnection()) {
            return review(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static final String REVIEW = """
            select t.id, t.status, t.source, t.abc_class, t.priority, l.code, l.zone, p.sku, t.reason, t.counter, t.created_by,
                   t.created_at, t.claimed_at, t.counted_at, t.resolved_at, t.approved_by, t.recount_of, t.not_counters
              from count_task t join location l on l.id = t.location_id left join product p on p.id = t.product_id
            """;

    static Review review(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REVIEW + " where t.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No count task " + id);
                return review(rs, lines(c, id));
            }
        }
    }

    private static Review review(ResultSet rs, List<Line> lines) throws SQLException {
        Array nc = rs.getArray(18);
        return new Review(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), Sql.instant(rs, 12), Sql.instant(rs, 13), Sql.instant(rs, 14),
                Sql.instant(rs, 15), rs.getString(16), (Long) rs.getObject(17), nc == null ? List.of() : Arrays.asList((String[]) nc.getArray()), lines);
    }

    private static List<Line> lines(Connection c, long id) throws SQLException {
        List<Line> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.code, p.sku, p.name, cl.counted, cl.expected, cl.variance, cl.within_tolerance, cl.applied
                  from count_line cl join product p on p.id = cl.product_id join shop s on s.id = p.shop_id
                 where cl.count_task_id = ? order by cl.id""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    out.add(new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), (Integer) rs.getObject(5),
                            (Integer) rs.getObject(6), (Boolean) rs.getObject(7), rs.getBoolean(8)));
            }
        }
        return out;
    }

    /** Count tasks for a supervisor, most urgent first, optionally by status, zone or source. */
    public Page<Review> list(String status, String zone, String source, Integer page, Integer size) {
        if (status != null && !STATUSES.contains(status)) throw ProblemException.invalid("status", "one of " + STATUSES);
        int sz = Page.size(size), pg = Page.page(page);
        String where = " where (?::text is null or t.status = ?) and (?::text is null or l.zone = ?) and (?::text is null or t.source = ?)";
        try (Connection c = db.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from count_task t join location l on l.id = t.location_id" + where)) {
                bind(ps, status, zone, source);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); total = rs.getLong(1); }
            }
            List<Review> items = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(REVIEW + where
                    + " order by (t.status in ('PENDING_APPROVAL','OPEN','CLAIMED')) desc, t.priority desc, t.id limit ? offset ?")) {
                int i = bind(ps, status, zone, source);
                ps.setInt(i++, sz);
                ps.setLong(i, (long) pg * sz);
                try (ResultSet rs = ps.executeQuery()) { while (rs.next()) { items.add(review(rs, List.of())); ids.add(rs.getLong(1)); } }
            }
            for (int i = 0; i < items.size(); i++) {
                Review r = items.get(i);
                items.set(i, new Review(r.id(), r.status(), r.source(), r.abcClass(), r.priority(), r.location(), r.zone(), r.sku(), r.reason(),
                        r.counter(), r.createdBy(), r.createdAt(), r.claimedAt(), r.countedAt(), r.resolvedAt(), r.approvedBy(), r.recountOf(),
                        r.notCounters(), lines(c, ids.get(i))));
            }
            return new Page<>(items, pg, sz, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int bind(PreparedStatement ps, String... values) throws SQLException {
        int i = 1;
        for (String v : values) {
            String x = v == null || v.isBlank() ? null : v;
            ps.setString(i++, x);
            ps.setString(i++, x);
        }
        return i;
    }

    static Long one(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }
}
