package io.surgewms.board;

import io.surgewms.platform.Sql;
import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes the board. All reads run in one read-only REPEATABLE READ transaction, so the numbers
 * agree with each other, and "now" is the database's clock, so two instances on two machines agree.
 * The forecast always covers the whole floor (other shops' orders compete for the same pickers);
 * a shop filter only narrows what is shown.
 */
@ApplicationScoped
public class BoardService {

    @Inject AgroalDataSource db;

    @ConfigProperty(name = "surge.board.nominal-pick-units-per-hour", defaultValue = "600") double nominalPick;
    @ConfigProperty(name = "surge.board.nominal-pack-orders-per-hour", defaultValue = "240") double nominalPack;
    @ConfigProperty(name = "surge.board.idle-after", defaultValue = "PT5M") Duration idleAfter;
    @ConfigProperty(name = "surge.board.stuck-after", defaultValue = "PT10M") Duration stuckAfter;
    @ConfigProperty(name = "surge.board.backorder-horizon", defaultValue = "PT24H") Duration backorderHorizon;
    @ConfigProperty(name = "surge.board.viral-ratio", defaultValue = "3") double viralRatio;
    @ConfigProperty(name = "surge.board.viral-min-units-per-hour", defaultValue = "20") double viralMinPerHour;

    /** A SKU's 7-day baseline changes slowly; reading it at every board refresh would not. */
    private record Baseline(int units, Instant readAt) {}
    private final Map<Long, Baseline> baselines = new ConcurrentHashMap<>();

    public BoardView board(String shopCode) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return compute(c, shopCode);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("board: " + e.getMessage(), e);
        }
    }

    /** 404 unless the shop exists: a board stream for a shop that is not there would wait for ever. */
    public void requireShop(String shopCode) {
        try (Connection c = db.getConnection()) {
            if (WorkQueries.shopId(c, shopCode) == null) throw ProblemException.notFound("No shop " + shopCode);
        } catch (SQLException e) {
            throw new IllegalStateException("board: " + e.getMessage(), e);
        }
    }

    /** A parcel by shipment id, tracking number or SSCC, for a reprint from the board; 404 when there is none. */
    public BoardView.Parcel parcel(String ref) {
        if (ref == null || ref.isBlank()) throw ProblemException.invalid("ref", "a shipment id, tracking number or SSCC");
        try (Connection c = db.getConnection()) {
            BoardView.Parcel p = FloorQueries.parcel(c, ref);
            if (p == null) throw ProblemException.notFound("No parcel with shipment id, tracking number or SSCC " + ref.trim());
            return p;
        } catch (SQLException e) {
            throw new IllegalStateException("board: " + e.getMessage(), e);
        }
    }

    private BoardView compute(Connection c, String shopCode) throws SQLException {
        Instant now = Rows.one(c, "select now()", rs -> Sql.instant(rs, 1));
        Long shop = null;
        if (shopCode != null && !shopCode.isBlank()) {
            shop = WorkQueries.shopId(c, shopCode);
            if (shop == null) throw ProblemException.notFound("No shop " + shopCode);
        }
        WorkQueries.Policy policy = WorkQueries.policy(c);
        Forecast.Rates rates = rates(c, now);

        List<Forecast.Outcome> outcomes = new ArrayList<>();
        for (Forecast.Outcome o : Forecast.forecast(work(WorkQueries.openGroups(c)), rates, now, backorderHorizon))
            if (shop == null || ((WorkQueries.Group) o.work().key()).shopId() == shop) outcomes.add(o);
        List<Forecast.Outcome> risky = outcomes.stream().filter(Forecast.Outcome::atRisk).toList();
        int atRisk = risky.stream().mapToInt(o -> o.work().orders()).sum();
        int late = risky.stream().filter(o -> o.risk().equals(Forecast.LATE)).mapToInt(o -> o.work().orders()).sum();

        return new BoardView(now, shopCode, policy.autoRelease(), rates, backlog(outcomes),
                waves(c, now, shop, rates), new BoardView.AtRisk(atRisk, late, WorkQueries.ordersOf(c, risky, 20)),
                FloorQueries.pickers(c, now, idleAfter), FloorQueries.stations(c, now),
                FloorQueries.exceptions(c, now, shop, policy.maxUnits()), FloorQueries.devices(c), skus(c, now, shop));
    }

    /** The last 15 minutes; a floor quiet that long is judged on its last 2 hours, then on nominal rates. */
    Forecast.Rates rates(Connection c, Instant now) throws SQLException {
        WorkQueries.Done q = WorkQueries.done(c, now, FloorQueries.WINDOW);
        WorkQueries.Done h = null;
        String pickBasis = "15 min", packBasis = "15 min";
        double pick = FloorQueries.perHour(q.unitsPicked()), pack = FloorQueries.perHour(q.ordersPacked());
        if (pick == 0 || pack == 0) h = WorkQueries.done(c, now, Duration.ofHours(2));
        if (pick == 0) {
            pick = h.unitsPicked() / 2.0;
            pickBasis = "2 h";
            if (pick == 0) { pick = nominalPick; pickBasis = "nominal"; }
        }
        if (pack == 0) {
            pack = h.ordersPacked() / 2.0;
            packBasis = "2 h";
            if (pack == 0) { pack = nominalPack; packBasis = "nominal"; }
        }
        return new Forecast.Rates(pick, pack, pickBasis.equals(packBasis) ? pickBasis : "pick " + pickBasis + ", pack " + packBasis);
    }

    private static List<Forecast.Work> work(List<WorkQueries.Group> groups) {
        List<Forecast.Work> w = new ArrayList<>(groups.size());
        for (WorkQueries.Group g : groups) w.add(new Forecast.Work(g, g.deadline(), g.status(), g.orders(), g.unitsToPick()));
        return w;
    }

    private static BoardView.Backlog backlog(List<Forecast.Outcome> outcomes) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (String s : List.of("RECEIVED", "ALLOCATED", "BACKORDERED", "RELEASED", "PICKING", "PICKED")) byStatus.put(s, 0);
        Map<Instant, int[]> hours = new TreeMap<>();
        int orders = 0, units = 0;
        for (Forecast.Outcome o : outcomes) {
            WorkQueries.Group g = (WorkQueries.Group) o.work().key();
            byStatus.merge(g.status(), g.orders(), Integer::sum);
            int[] h = hours.computeIfAbsent(g.shipByMinute().truncatedTo(ChronoUnit.HOURS), k -> new int[3]);
            h[0] += g.orders();
            h[1] += g.unitsToPick();
            if (o.atRisk()) h[2] += g.orders();
            orders += g.orders();
            units += g.unitsToPick();
        }
        List<BoardView.Hour> byHour = new ArrayList<>();
        hours.forEach((k, v) -> byHour.add(new BoardView.Hour(k, v[0], v[1], v[2])));
        return new BoardView.Backlog(byStatus, orders, units, byHour);
    }

    /** Wave ETAs: the floor finishes the waves in the order listed, at the current pick rate. */
    private List<BoardView.Wave> waves(Connection c, Instant now, Long shop, Forecast.Rates rates) throws SQLException {
        List<BoardView.Wave> out = new ArrayList<>();
        double ahead = 0;
        for (WorkQueries.WaveRow w : WorkQueries.waves(c, now, shop)) {
            int remaining = w.remaining();
            int shorted = Math.max(0, w.units() - w.picked() - remaining);
            boolean open = w.status().equals("PLANNED") || w.status().equals("RELEASED");
            Instant eta = null;
            if (open) {
                ahead += remaining;
                eta = Forecast.eta(ahead, rates.pickUnitsPerHour(), now);
            }
            boolean stuck = w.status().equals("RELEASED") && remaining > 0 && w.lastProgress() != null
                    && w.lastProgress().isBefore(now.minus(stuckAfter));
            out.add(new BoardView.Wave(w.id(), w.status(), w.priority(), w.orders(), w.units(), w.picked(), shorted,
                    w.tasks(), w.open(), w.active(), w.done(), w.earliestDeadline(), w.releasedAt(), w.lastProgress(), eta, stuck));
        }
        return out;
    }

    private List<BoardView.Sku> skus(Connection c, Instant now, Long shop) throws SQLException {
        List<BoardView.Sku> out = new ArrayList<>();
        for (FloorQueries.Hot h : FloorQueries.hotSkus(c, now, shop, 5)) {
            Baseline b = baselines.get(h.productId());
            if (b == null || b.readAt().isBefore(now.minus(Duration.ofMinutes(1)))) {
                b = new Baseline(FloorQueries.baselineUnits(c, h.productId(), now), now);
                baselines.put(h.productId(), b);
            }
            double perHour = FloorQueries.perHour(h.units());
            double base = b.units() / (7 * 24.0);
            Double ratio = base > 0 ? perHour / base : null;
            boolean viral = perHour >= viralMinPerHour && (ratio == null || ratio >= viralRatio);
            Instant out0 = h.available() <= 0 ? now : Forecast.eta(h.available(), perHour, now);
            out.add(new BoardView.Sku(h.productId(), h.sku(), h.name(), h.shop(), h.units(), perHour, base, ratio,
                    h.available(), out0, viral));
        }
        if (baselines.size() > 1000) baselines.clear(); // a bound, not an eviction policy: they are cheap to read again
        return out;
    }
}
