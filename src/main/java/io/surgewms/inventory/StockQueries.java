package io.surgewms.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Page;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Read side of inventory: stock rows, available-to-promise, the ledger, and the ledger/stock reconciliation. */
@ApplicationScoped
public class StockQueries {

    @Inject AgroalDataSource db;

    public record StockRowView(long id, String shop, String sku, String location, String locationKind,
                               int onHand, int allocated, int available) {}

    /** ATP of a SKU; a bundle has no bins of its own, and lists its components with theirs instead. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Atp(String shop, String sku, String name, int onHand, int allocated, int available, List<StockRowView> bins,
                      List<ComponentAtp> components) {}

    /** One component of a bundle: units per bundle and units available to promise. */
    public record ComponentAtp(String sku, int perBundle, int available) {}

    public record LedgerRow(long id, String shop, String sku, String location, String kind, int deltaOnHand,
                            int deltaAllocated, Long orderId, String reference, String actor, String note, OffsetDateTime at) {}

    public record Mismatch(long stockId, int onHand, int ledgerOnHand, int allocated, int ledgerAllocated) {}

    public record Reconciliation(long stockRows, long ledgerRows, long oversoldRows, List<Mismatch> mismatches, boolean consistent) {
        Reconciliation(long stockRows, long ledgerRows, long oversoldRows, List<Mismatch> mismatches) {
            this(stockRows, ledgerRows, oversoldRows, mismatches, oversoldRows == 0 && mismatches.isEmpty());
        }
    }

    private static final String STOCK_FROM = """
             from stock s join product p on p.id = s.product_id join shop sh on sh.id = p.shop_id
             join location l on l.id = s.location_id
            where (cast(? as text) is null or sh.code = ?) and (cast(? as text) is null or p.sku = ?)
              and (cast(? as text) is null or l.code = ?) and (cast(? as text) is null or l.zone = ?)""";

    public Page<StockRowView> stock(String shop, String sku, String location, String zone, Integer page, Integer size) {
        int pg = Page.page(page), sz = Page.size(size);
        return query(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*)" + STOCK_FROM)) {
                bindPairs(ps, shop, sku, location, zone);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); total = rs.getLong(1); }
            }
            List<StockRowView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select s.id, sh.code, p.sku, l.code, l.kind, s.on_hand, s.allocated"
                    + STOCK_FROM + " order by sh.code, p.sku, l.pick_seq, l.code limit ? offset ?")) {
                int i = bindPairs(ps, shop, sku, location, zone);
                ps.setInt(i++, sz);
                ps.setLong(i, (long) pg * sz);
                try (ResultSet rs = ps.executeQuery()) { while (rs.next()) items.add(stockRow(rs)); }
            }
            return new Page<>(items, pg, sz, total);
        });
    }

    /**
     * Available to promise: units on sellable bins not yet reserved. Quarantine, totes and staging do not count.
     * A bundle's is the fewest whole bundles its components make.
     */
    public Atp atp(String shop, String sku) {
        return query(c -> {
            String name;
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "select p.name, p.id from product p join shop sh on sh.id = p.shop_id where sh.code = ? and p.sku = ?")) {
                ps.setString(1, shop);
                ps.setString(2, sku);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ProblemException.notFound("No SKU '" + sku + "' in shop '" + shop + "'");
                    name = rs.getString(1);
                    id = rs.getLong(2);
                }
            }
            List<ComponentAtp> components = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select p.sku, bc.quantity, sellable_units(p.id) from bundle_component bc join product p on p.id = bc.component_id
                     where bc.bundle_id = ? order by bc.position""")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) components.add(new ComponentAtp(rs.getString(1), rs.getInt(2), rs.getInt(3)));
                }
            }
            if (!components.isEmpty()) {
                int bundles = components.stream().mapToInt(x -> x.available() / x.perBundle()).min().orElse(0);
                return new Atp(shop, sku, name, 0, 0, bundles, List.of(), components);
            }
            List<StockRowView> bins = new ArrayList<>();
            int onHand = 0, allocated = 0, available = 0;
            try (PreparedStatement ps = c.prepareStatement("select s.id, sh.code, p.sku, l.code, l.kind, s.on_hand, s.allocated"
                    + STOCK_FROM + " order by l.kind <> 'PICK_FACE', l.pick_seq, l.code")) {
                bindPairs(ps, shop, sku, null, null);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StockRowView r = stockRow(rs);
                        bins.add(r);
                        if (r.locationKind().equals("PICK_FACE") || r.locationKind().equals("RESERVE")) {
                            onHand += r.onHand();
                            allocated += r.allocated();
                            available += r.available();
                        }
                    }
                }
            }
            return new Atp(shop, sku, name, onHand, allocated, available, bins, null);
        });
    }

    public Page<LedgerRow> ledger(String shop, String sku, String location, Long orderId, String kind, Integer page, Integer size) {
        int pg = Page.page(page), sz = Page.size(size);
        String from = """
                 from stock_ledger g join stock s on s.id = g.stock_id join product p on p.id = s.product_id
                 join shop sh on sh.id = p.shop_id join location l on l.id = s.location_id
                where (cast(? as text) is null or sh.code = ?) and (cast(? as text) is null or p.sku = ?)
                  and (cast(? as text) is null or l.code = ?) and (cast(? as bigint) is null or g.order_id = ?)
                  and (cast(? as text) is null or g.kind = ?)""";
        return query(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*)" + from)) {
                bindLedger(ps, shop, sku, location, orderId, kind);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); total = rs.getLong(1); }
            }
            List<LedgerRow> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select g.id, sh.code, p.sku, l.code, g.kind, g.delta_on_hand, g.delta_allocated, g.order_id,
                           g.reference, g.actor, g.note, g.created_at""" + from + " order by g.id desc limit ? offset ?")) {
                int i = bindLedger(ps, shop, sku, location, orderId, kind);
                ps.setInt(i++, sz);
                ps.setLong(i, (long) pg * sz);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long oid = rs.getLong(8);
                        Long rowOrder = rs.wasNull() ? null : oid;
                        items.add(new LedgerRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getInt(6), rs.getInt(7), rowOrder, rs.getString(9), rs.getString(10),
                                rs.getString(11), rs.getObject(12, OffsetDateTime.class)));
                    }
                }
            }
            return new Page<>(items, pg, sz, total);
        });
    }

    /** Proves invariants 1 and 2 on the live data: no row oversold, every row equal to the sum of its ledger. */
    public Reconciliation reconcile() {
        return query(c -> {
            List<Mismatch> mismatches = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select s.id, s.on_hand, coalesce(g.oh, 0), s.allocated, coalesce(g.al, 0)
                      from stock s left join (select stock_id, sum(delta_on_hand) oh, sum(delta_allocated) al
                                                from stock_ledger group by stock_id) g on g.stock_id = s.id
                     where s.on_hand <> coalesce(g.oh, 0) or s.allocated <> coalesce(g.al, 0)
                     limit 100""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) mismatches.add(new Mismatch(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select (select count(*) from stock), (select count(*) from stock_ledger),
                           (select count(*) from stock where allocated > on_hand or allocated < 0 or on_hand < 0)""");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Reconciliation(rs.getLong(1), rs.getLong(2), rs.getLong(3), mismatches);
            }
        });
    }

    private static StockRowView stockRow(ResultSet rs) throws SQLException {
        int onHand = rs.getInt(6), allocated = rs.getInt(7);
        return new StockRowView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                onHand, allocated, onHand - allocated);
    }

    private static int bindPairs(PreparedStatement ps, String... values) throws SQLException {
        int i = 1;
        for (String v : values) {
            ps.setString(i++, v);
            ps.setString(i++, v);
        }
        return i;
    }

    private static int bindLedger(PreparedStatement ps, String shop, String sku, String location, Long orderId, String kind) throws SQLException {
        int i = bindPairs(ps, shop, sku, location);
        ps.setObject(i++, orderId, java.sql.Types.BIGINT);
        ps.setObject(i++, orderId, java.sql.Types.BIGINT);
        ps.setString(i++, kind);
        ps.setString(i++, kind);
        return i;
    }

    interface SqlWork<T> { T run(Connection c) throws SQLException; }

    private <T> T query(SqlWork<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

}
