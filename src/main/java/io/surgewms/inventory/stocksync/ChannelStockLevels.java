package io.surgewms.inventory.stocksync;

import io.agroal.api.AgroalDataSource;
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

/**
 * The channels' view of stock, per mapping: ATP now, the safety buffer, the level the channel should see,
 * what was last queued and last sent, and whether an event is in flight. Setting a buffer marks the
 * product changed (trigger on channel_sku), so the worker queues the new level within a second.
 * Reads the channel tables by SQL only: inventory does not depend on intake.
 */
@ApplicationScoped
public class ChannelStockLevels {

    @Inject AgroalDataSource db;

    public record Level(String channel, String account, String shop, String sku, String channelSku, int atp, int buffer,
                        int quantity, Integer queued, Integer sent, boolean inFlight, Long outboxId, int events, int rewrites,
                        OffsetDateTime changedAt) {}

    /** Which mapping(s) get the buffer: the channel SKU, or every mapping of the SKU on that account. */
    public record BufferSetting(String channel, String account, String channelSku, String sku, Integer buffer) {}

    private static final String SELECT = """
            select a.channel, a.account, sh.code, p.sku, m.channel_sku,
                   product_atp(p.id) atp,
                   m.safety_buffer, cs.quantity, o.id, (o.id is not null and o.sent_at is null),
                   (select (x.payload ->> 'quantity')::int from outbox x
                     where x.topic = 'stock.level' and x.key = m.account_id || ':' || p.id and x.sent_at is not null
                       and x.payload ->> 'channelSku' = m.channel_sku order by x.id desc limit 1),
                   coalesce(cs.events, 0), coalesce(cs.rewrites, 0), cs.changed_at
              from channel_sku m
              join channel_account a on a.id = m.account_id
              join product p on p.id = m.product_id
              join shop sh on sh.id = p.shop_id
              left join channel_stock cs on cs.account_id = m.account_id and cs.channel_sku = m.channel_sku
              left join outbox o on o.id = cs.outbox_id
            """;

    public List<Level> list(String shop, String sku, int limit) {
        return levels(SELECT + """
                 where (cast(? as text) is null or sh.code = ?) and (cast(? as text) is null or p.sku = ?)
                 order by sh.code, p.sku, a.channel, a.account, m.channel_sku limit ?""", shop, shop, sku, sku, limit);
    }

    public List<Level> setBuffer(BufferSetting s) {
        if (s == null) throw ProblemException.invalid("body", "send {account, channelSku or sku, buffer}");
        if (s.account() == null || s.account().isBlank()) throw ProblemException.invalid("account", "required");
        if (s.buffer() == null || s.buffer() < 0) throw ProblemException.invalid("buffer", "a whole number, 0 or more");
        boolean bySku = s.channelSku() == null || s.channelSku().isBlank();
        if (bySku && (s.sku() == null || s.sku().isBlank())) throw ProblemException.invalid("channelSku", "give channelSku or sku");
        try (Connection c = db.getConnection()) {
            long accountId;
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from channel_account where account = ? and (cast(? as text) is null or channel = ?)")) {
                ps.setString(1, s.account());
                ps.setString(2, s.channel());
                ps.setString(3, s.channel());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ProblemException.notFound("No channel account '" + s.account() + "'");
                    accountId = rs.getLong(1);
                    if (rs.next()) throw ProblemException.invalid("channel", "account '" + s.account() + "' is on several channels: say which");
                }
            }
            List<String> changed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    update channel_sku m set safety_buffer = ?
                     where m.account_id = ?
                       and (m.channel_sku = ? or (cast(? as text) is null and m.product_id in
                            (select p.id from product p join channel_account a on a.shop_id = p.shop_id where a.id = m.account_id and p.sku = ?)))
                    returning m.channel_sku""")) {
                ps.setInt(1, s.buffer());
                ps.setLong(2, accountId);
                ps.setString(3, bySku ? null : s.channelSku());
                ps.setString(4, bySku ? null : s.channelSku());
                ps.setString(5, s.sku());
                try (ResultSet rs = ps.executeQuery()) { while (rs.next()) changed.add(rs.getString(1)); }
            }
            if (changed.isEmpty())
                throw ProblemException.notFound("No mapping of " + (bySku ? "SKU '" + s.sku() : "channel SKU '" + s.channelSku()) + "' on account '" + s.account() + "'");
            return levels(c, SELECT + " where m.account_id = ? and m.channel_sku = any(?) order by m.channel_sku",
                    accountId, c.createArrayOf("text", changed.toArray()));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<Level> levels(String sql, Object... args) {
        try (Connection c = db.getConnection()) {
            return levels(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<Level> levels(Connection c, String sql, Object... args) throws SQLException {
        List<Level> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int atp = rs.getInt(6), buffer = rs.getInt(7);
                    out.add(new Level(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), atp, buffer,
                            Math.max(0, atp - buffer), (Integer) rs.getObject(8), (Integer) rs.getObject(11), rs.getBoolean(10),
                            (Long) rs.getObject(9), rs.getInt(12), rs.getInt(13), rs.getObject(14, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }
}
