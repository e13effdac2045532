package io.surgewms.inventory.stocksync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.Sql;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The stock-sync worker: drains {@code stock_change} (products whose stock changed, written by triggers
 * on {@code stock}), adds the bundles made of them, computes each product's ATP ({@code product_atp}: a
 * bundle's is the fewest whole bundles its components make) and, per channel mapping of an active account of the
 * product's shop, the level the channel should see: max(0, ATP − safety buffer). A level that differs
 * from the last one queued becomes one {@code stock.level} outbox row; while that row is unsent a newer
 * level rewrites its payload instead (at most one in flight per mapping, always the latest value).
 * Any instance may run it: change rows are taken with SKIP LOCKED, products are serialised by an
 * advisory lock, and everything, including draining the change rows, is one transaction.
 */
@ApplicationScoped
public class StockSync {

    private static final Logger LOG = Logger.getLogger(StockSync.class);
    static final String TOPIC = "stock.level";
    private static final int CHANGES_PER_ROUND = 10_000, MAX_ROUNDS = 50;

    @Inject AgroalDataSource db;
    @Inject ObjectMapper json;
    @Inject Event<StockLevelsQueued> levelsQueued;

    /** What a run did: products looked at, new outbox rows, unsent rows given a newer level, products left for the next run. */
    public record Run(int products, int queued, int rewritten, int deferred) {
        Run plus(Run o) {
            return new Run(products + o.products, queued + o.queued, rewritten + o.rewritten, deferred + o.deferred);
        }
    }

    @Scheduled(every = "${surge.stocksync.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Run r = runOnce();
            if (r.queued() > 0 || r.rewritten() > 0) {
                LOG.debugf("stock sync: %s", r);
                // committed: the sender need not wait for its own tick (a channel selling the last units cannot wait)
                levelsQueued.fire(new StockLevelsQueued(r.queued(), r.rewritten()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Stock sync failed: " + e.getMessage());
        }
    }

    /** Drains all pending stock changes now (the scheduler calls this every second). */
    public Run runOnce() {
        Run total = new Run(0, 0, 0, 0);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Run r = Tx.retrying(() -> {
                try (Connection c = db.getConnection()) {
                    return round(c);
                } catch (SQLException e) {
                    throw Tx.unchecked(e);
                }
            });
            total = total.plus(r);
            if (r.products() == 0 || r.deferred() > 0) break;
        }
        return total;
    }

    private record Mapping(long productId, String sku, int atp, long accountId, String channelSku, int buffer,
                           Integer queued, Long outboxId, boolean inFlight, String channelProductId) {}

    private Run round(Connection c) throws SQLException {
        TreeSet<Long> products = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with taken as (select id from stock_change order by id limit ? for update skip locked)
                delete from stock_change s using taken where s.id = taken.id returning s.product_id""")) {
            ps.setInt(1, CHANGES_PER_ROUND);
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) products.add(rs.getLong(1)); }
        }
        if (products.isEmpty()) return new Run(0, 0, 0, 0);
        // A component's change moves every bundle made of it: they join the set before the locks are taken.
        try (PreparedStatement ps = c.prepareStatement("select distinct bundle_id from bundle_component where component_id = any(?)")) {
            ps.setArray(1, Sql.longs(c, products));
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) products.add(rs.getLong(1)); }
        }
        // One worker per product at a time, taken in id order (no deadlock between workers). Read after the
        // lock, so ATP below is at least as new as every change row just taken (READ COMMITTED: new snapshot).
        try (PreparedStatement ps = c.prepareStatement("""
                select count(pg_advisory_xact_lock(hashtext('surge:stock-sync'), (p % 2147483647)::int))
                  from (select p from unnest(?::bigint[]) p order by p offset 0) x""")) {
            ps.setArray(1, Sql.longs(c, products));
            ps.executeQuery().close();
        }
        List<Mapping> mappings = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select p.id, p.sku, product_atp(p.id),
                       m.account_id, m.channel_sku, m.safety_buffer, cs.quantity, cs.outbox_id,
                       (o.id is not null and o.sent_at is null), m.channel_product_id
                  from product p
                  join channel_sku m on m.product_id = p.id
                  join channel_account a on a.id = m.account_id and a.active and a.shop_id = p.shop_id
                  left join channel_stock cs on cs.account_id = m.account_id and cs.channel_sku = m.channel_sku
                  left join outbox o on o.id = cs.outbox_id
                 where p.id = any(?)
                 order by p.id, m.account_id, m.channel_sku""")) {
            ps.setArray(1, Sql.longs(c, products));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mappings.add(new Mapping(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                            rs.getInt(6), (Integer) rs.getObject(7), (Long) rs.getObject(8), rs.getBoolean(9), rs.getString(10)));
                }
            }
        }
        int queued = 0, rewritten = 0;
        TreeSet<Long> deferred = new TreeSet<>();
        for (Mapping m : mappings) {
            int level = Math.max(0, m.atp() - m.buffer());
            if (m.queued() != null && m.queued() == level) continue;   // the channel has (or will get) this level
            String payload = payload(m, level);
            if (m.queued() != null && m.inFlight()) {
                if (rewrite(c, m, level, payload)) rewritten++;
                else deferred.add(m.productId());                      // being sent right now: look again next run
            } else {
                queue(c, m, level, payload);
                queued++;
            }
        }
        if (!deferred.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into stock_change (product_id) select unnest(?::bigint[])")) {
                ps.setArray(1, Sql.longs(c, deferred));
                ps.executeUpdate();
            }
        }
        return new Run(products.size(), queued, rewritten, deferred.size());
    }

    private String payload(Mapping m, int level) {
        ObjectNode n = json.createObjectNode();
        n.put("productId", m.productId());
        n.put("sku", m.sku());
        n.put("channelSku", m.channelSku());
        // the channel's own product id (TikTok's Update Inventory names it in its path); productId is ours, for our reports
        if (m.channelProductId() != null) n.put("channelProductId", m.channelProductId());
        n.put("quantity", level);
        n.put("atp", m.atp());
        n.put("buffer", m.buffer());
        n.put("at", Instant.now().toString());
        return n.toString();
    }

    static String key(long accountId, long productId) {
        return accountId + ":" + productId;
    }

    /** A new outbox row for the mapping; the mapping remembers it as the one in flight. */
    private void queue(Connection c, Mapping m, int level, String payload) throws SQLException {
        long outboxId;
        try (PreparedStatement ps = c.prepareStatement(
                "insert into outbox (topic, key, payload, account_id) values (?, ?, ?::jsonb, ?) returning id")) {
            ps.setString(1, TOPIC);
            ps.setString(2, key(m.accountId(), m.productId()));
            ps.setString(3, payload);
            ps.setLong(4, m.accountId());
            try (ResultSet rs = ps.executeQuery()) { rs.next(); outboxId = rs.getLong(1); }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into channel_stock (account_id, channel_sku, product_id, quantity, atp, buffer, outbox_id, events)
                values (?, ?, ?, ?, ?, ?, ?, 1)
                on conflict (account_id, channel_sku) do update
                   set product_id = excluded.product_id, quantity = excluded.quantity, atp = excluded.atp, buffer = excluded.buffer,
                       outbox_id = excluded.outbox_id, events = channel_stock.events + 1, changed_at = now()""")) {
            ps.setLong(1, m.accountId());
            ps.setString(2, m.channelSku());
            ps.setLong(3, m.productId());
            ps.setInt(4, level);
            ps.setInt(5, m.atp());
            ps.setInt(6, m.buffer());
            ps.setLong(7, outboxId);
            ps.executeUpdate();
        }
    }

    /**
     * The unsent row gets the newer level. Taken with SKIP LOCKED: a sender holding the row (sending it now)
     * or one that marked it sent meanwhile leaves it alone, and false says "try again next run".
     */
    private boolean rewrite(Connection c, Mapping m, int level, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update outbox set payload = ?::jsonb
                 where id = (select id from outbox where id = ? and sent_at is null for update skip locked)""")) {
            ps.setString(1, payload);
            ps.setLong(2, m.outboxId());
            if (ps.executeUpdate() == 0) return false;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update channel_stock set quantity = ?, atp = ?, buffer = ?, rewrites = rewrites + 1, changed_at = now()
                 where account_id = ? and channel_sku = ?""")) {
            ps.setInt(1, level);
            ps.setInt(2, m.atp());
            ps.setInt(3, m.buffer());
            ps.setLong(4, m.accountId());
            ps.setString(5, m.channelSku());
            ps.executeUpdate();
        }
        return true;
    }
}
