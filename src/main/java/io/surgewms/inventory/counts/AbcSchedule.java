package io.surgewms.inventory.counts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cycle counts by ABC class. SKUs are ranked by how often they were picked over the last
 * {@code window-days}: the top {@code a-share} percent are A, the next {@code b-share} percent B, the
 * rest (and anything never picked) C. Each sellable bin holding a SKU is due for a count when its last
 * count is older than its class's interval; due bins get a count task, A first, up to
 * {@code max-per-run} a run. Runs daily (and on demand); an advisory lock keeps two instances from
 * scheduling the same bins.
 */
@ApplicationScoped
public class AbcSchedule {

    private static final Logger LOG = Logger.getLogger(AbcSchedule.class);
    static final Map<String, Integer> PRIORITY = Map.of("A", 3, "B", 2, "C", 1);

    @Inject AgroalDataSource db;

    @ConfigProperty(name = "surge.counts.abc.enabled", defaultValue = "true") boolean enabled;
    @ConfigProperty(name = "surge.counts.abc.window-days", defaultValue = "30") int windowDays;
    @ConfigProperty(name = "surge.counts.abc.a-share", defaultValue = "20") int aShare;
    @ConfigProperty(name = "surge.counts.abc.b-share", defaultValue = "30") int bShare;
    @ConfigProperty(name = "surge.counts.abc.a-every-days", defaultValue = "30") int aDays;
    @ConfigProperty(name = "surge.counts.abc.b-every-days", defaultValue = "90") int bDays;
    @ConfigProperty(name = "surge.counts.abc.c-every-days", defaultValue = "180") int cDays;
    @ConfigProperty(name = "surge.counts.abc.max-per-run", defaultValue = "200") int maxPerRun;

    public record Request(String shop, Integer max) {}

    public record Planned(long id, String location, String shop, String sku, String abcClass, int picks) {}

    public record Run(int created, Map<String, Integer> byClass, List<Planned> tasks) {}

    private record Candidate(long productId, long locationId, String location, String shop, String sku, int picks, boolean free,
                             Instant lastCounted) {}

    @Scheduled(cron = "${surge.counts.abc.cron:0 30 4 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        if (!enabled) return;
        Run r = run(new Request(null, null), "system:abc-schedule");
        LOG.infof("ABC cycle counts: %d task(s) created %s", r.created(), r.byClass());
    }

    public Run run(Request req, String actor) {
        String shop = req == null || req.shop() == null || req.shop().isBlank() ? null : req.shop().trim();
        int max = req == null || req.max() == null ? maxPerRun : req.max();
        if (max < 1 || max > 5000) throw ProblemException.invalid("max", "must be between 1 and 5000");
        return Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                if (shop != null && CountTasks.one(c, "select id from shop where code = ?", shop) == null)
                    throw ProblemException.notFound("No shop " + shop);
                try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('surge.counts.abc'))")) {
                    ps.executeQuery().close();
                }
                List<Candidate> all = candidates(c, shop);
                Map<Long, String> classes = classify(all);
                Instant now = Instant.now();
                List<Candidate> due = new ArrayList<>(all.stream()
                        .filter(x -> x.free() && (x.lastCounted() == null
                                || x.lastCounted().isBefore(now.minus(Duration.ofDays(interval(classes.get(x.productId())))))))
                        .toList());
                due.sort(Comparator.comparing((Candidate x) -> classes.get(x.productId()))
                        .thenComparing(Comparator.comparingInt(Candidate::picks).reversed())
                        .thenComparingLong(Candidate::locationId));
                List<Planned> made = new ArrayList<>();
                Map<String, Integer> byClass = new LinkedHashMap<>(Map.of());
                for (String k : List.of("A", "B", "C")) byClass.put(k, 0);
                for (Candidate x : due.subList(0, Math.min(max, due.size()))) {
                    String k = classes.get(x.productId());
                    long id = CountTasks.insert(c, x.locationId(), x.productId(), "ABC cycle count (class " + k + ", " + x.picks()
                            + " picks in " + windowDays + " days)", "SCHEDULE", PRIORITY.get(k), k, null, null, actor);
                    made.add(new Planned(id, x.location(), x.shop(), x.sku(), k, x.picks()));
                    byClass.merge(k, 1, Integer::sum);
                }
                return new Run(made.size(), byClass, made);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    /** Every sellable bin holding units, with its SKU's picks in the window and whether no count of it is open. */
    private List<Candidate> candidates(Connection c, String shop) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with picks as (
                    select s.product_id, count(*)::int n
                      from stock_ledger g join stock s on s.id = g.stock_id
                     where g.kind = 'PICK' and g.delta_on_hand < 0 and g.created_at > now() - make_interval(days => ?)
                     group by s.product_id)
                select s.product_id, s.location_id, l.code, sh.code, p.sku, coalesce(k.n, 0),
                       not exists (select 1 from count_task t where t.location_id = s.location_id
                                      and (t.product_id = s.product_id or t.product_id is null)
                                      and t.status in ('OPEN','CLAIMED','PENDING_APPROVAL')),
                       (select max(t.resolved_at) from count_task t
                         where t.location_id = s.location_id and t.status in ('DONE','COUNTED')
                           and (t.product_id = s.product_id
                                or exists (select 1 from count_line cl where cl.count_task_id = t.id and cl.product_id = s.product_id)))
                  from stock s join location l on l.id = s.location_id join product p on p.id = s.product_id
                  join shop sh on sh.id = p.shop_id left join picks k on k.product_id = s.product_id
                 where s.on_hand > 0 and l.active and l.kind in ('PICK_FACE','RESERVE') and (?::text is null or sh.code = ?)""")) {
            ps.setInt(1, windowDays);
            ps.setString(2, shop);
            ps.setString(3, shop);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    out.add(new Candidate(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                            rs.getBoolean(7), io.surgewms.platform.Sql.instant(rs, 8)));
            }
        }
        return out;
    }

    /** A, B or C per SKU, by rank of picks: the top a-share percent of SKUs are A, the next b-share B; never picked is C. */
    Map<Long, String> classify(List<Candidate> all) {
        Map<Long, Integer> picks = new HashMap<>();
        for (Candidate x : all) picks.put(x.productId(), x.picks());
        List<Map.Entry<Long, Integer>> ranked = new ArrayList<>(picks.entrySet());
        ranked.sort(Map.Entry.<Long, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int n = ranked.size(), a = (int) Math.ceil(n * aShare / 100.0), b = (int) Math.ceil(n * (aShare + bShare) / 100.0);
        Map<Long, String> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            var e = ranked.get(i);
            out.put(e.getKey(), e.getValue() == 0 ? "C" : i < a ? "A" : i < b ? "B" : "C");
        }
        return out;
    }

    private int interval(String abcClass) {
        return switch (abcClass) { case "A" -> aDays; case "B" -> bDays; default -> cDays; };
    }
}
