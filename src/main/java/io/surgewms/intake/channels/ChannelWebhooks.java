package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The webhook log (channel_webhook): every call as it arrived, verified or not, and what was done with it. */
@ApplicationScoped
public class ChannelWebhooks {

    @Inject AgroalDataSource db;

    public record Webhook(long id, Long accountId, String channel, String topic, String remoteId, boolean signatureOk,
                          String outcome, String detail, OffsetDateTime receivedAt) {}

    /**
     * Written on its own (autocommit): the record stays whatever happens to the work it describes. Committed
     * without waiting for the WAL flush (synchronous_commit off for this one statement): under a spike every
     * webhook would otherwise add a flush that the floor's commits queue behind. The order itself is committed
     * durably by intake; a PostgreSQL crash can lose only the last fraction of a second of this log.
     */
    public long record(Long accountId, String channel, String topic, String remoteId, boolean signatureOk, String outcome,
                       String detail, String body) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into channel_webhook (account_id, channel, topic, remote_id, signature_ok, outcome, detail, body)"
                + " select ?, ?, ?, ?, ?, ?, ?, ? from " + OutboxSender.ASYNC + " returning id")) {
            ps.setObject(1, accountId);
            ps.setString(2, channel);
            ps.setString(3, topic);
            ps.setString(4, remoteId);
            ps.setBoolean(5, signatureOk);
            ps.setString(6, outcome);
            ps.setString(7, detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
            ps.setString(8, body == null ? "" : body.replace("\u0000", "")); // text cannot hold NUL
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    /** Latest first; filters by channel, outcome and the channel's order id. */
    public List<Webhook> list(String channel, String outcome, String remoteId, int limit) {
        List<Webhook> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, account_id, channel, topic, remote_id, signature_ok, outcome, detail, received_at from channel_webhook
                 where (cast(? as text) is null or channel = ?) and (cast(? as text) is null or outcome = ?)
                   and (cast(? as text) is null or remote_id = ?)
                 order by id desc limit ?""")) {
            ps.setString(1, channel);
            ps.setString(2, channel);
            ps.setString(3, outcome);
            ps.setString(4, outcome);
            ps.setString(5, remoteId);
            ps.setString(6, remoteId);
            ps.setInt(7, Math.max(1, Math.min(limit, 500)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    out.add(new Webhook(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        return out;
    }
}
