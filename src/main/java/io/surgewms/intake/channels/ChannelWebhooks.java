package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The webhook log (channel_webhook): every call as it arrived, verified or not, and what was done with it.
 * The endpoints are open to the internet, so only a call whose signature held and that was acted on keeps its
 * whole body; any other keeps its length, its SHA-256 and its first KB, enough to recognise it, never a store
 * for whatever a stranger sends.
 */
@ApplicationScoped
public class ChannelWebhooks {

    /** Outcomes of calls that were not acted on, recorded with their metadata only. */
    public static final String UNAUTHORIZED = "UNAUTHORIZED", TOO_LARGE = "TOO_LARGE", STALE = "STALE", DUPLICATE = "DUPLICATE";
    private static final Set<String> NOT_ACTED_ON = Set.of(UNAUTHORIZED, TOO_LARGE, STALE, DUPLICATE);
    /** How much of a body not kept whole is kept: enough to see what it was. */
    static final int HEAD_BYTES = 1024;

    @Inject AgroalDataSource db;

    public record Webhook(long id, Long accountId, String channel, String topic, String remoteId, boolean signatureOk,
                          String outcome, String detail, OffsetDateTime receivedAt, Long bodyBytes, String bodySha256, String deliveryId) {}

    /** A call as it arrived: the account it names, whether its signature held, the channel's ids, its exact bytes. */
    public record Call(String channel, Long accountId, String topic, String remoteId, String deliveryId, boolean signatureOk, byte[] body) {}

    /**
     * Written on its own (autocommit): the record stays whatever happens to the work it describes. Committed
     * without waiting for the WAL flush (synchronous_commit off for this one statement): under a spike every
     * webhook would otherwise add a flush that the floor's commits queue behind. The order itself is committed
     * durably by intake; a PostgreSQL crash can lose only the last fraction of a second of this log.
     */
    public long record(Call call, String outcome, String detail) {
        byte[] body = call.body() == null ? new byte[0] : call.body();
        boolean whole = call.signatureOk() && !NOT_ACTED_ON.contains(outcome);
        return insert(call, outcome, detail, whole ? text(body) : head(body), (long) body.length, sha256(body));
    }

    /**
     * A call refused unread because its body was over the limit: what its headers said and how many bytes came,
     * nothing of the body (its hash would need all of it).
     */
    public long refused(String channel, String topic, long bytes, String detail) {
        return insert(new Call(channel, null, topic, null, null, false, null), TOO_LARGE, detail, "", bytes, null);
    }

    /** Whether the account's delivery was acted on before (within the retention). */
    public boolean seen(long accountId, String deliveryId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from channel_webhook_delivery where account_id = ? and delivery_id = ?")) {
            ps.setLong(1, accountId);
            ps.setString(2, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    /** Remembers a delivery once it was handled; a second delivery handled at the same moment adds nothing. */
    public void handled(long accountId, String deliveryId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into channel_webhook_delivery (account_id, delivery_id) values (?, ?) on conflict do nothing")) {
            ps.setLong(1, accountId);
            ps.setString(2, deliveryId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private long insert(Call call, String outcome, String detail, String body, Long bytes, String sha256) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into channel_webhook (account_id, channel, topic, remote_id, delivery_id, signature_ok, outcome, detail, body, body_bytes, body_sha256)"
                + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from " + OutboxSender.ASYNC + " returning id")) {
            ps.setObject(1, call.accountId());
            ps.setString(2, call.channel());
            ps.setString(3, clip(call.topic(), 200));
            ps.setString(4, clip(call.remoteId(), 200));
            ps.setString(5, clip(call.deliveryId(), 200));
            ps.setBoolean(6, call.signatureOk());
            ps.setString(7, outcome);
            ps.setString(8, clip(detail, 2000));
            ps.setString(9, body);
            ps.setObject(10, bytes);
            ps.setString(11, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    /** Text cannot hold NUL; bytes that are not UTF-8 become U+FFFD (the hash keeps what they were). */
    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).replace("\u0000", "");
    }

    /** The first KB; a character cut in two at the end becomes U+FFFD. */
    static String head(byte[] body) {
        return text(body.length <= HEAD_BYTES ? body : Arrays.copyOf(body, HEAD_BYTES));
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Headers and ids come from strangers too: a log row never grows with them. */
    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Latest first; filters by channel, outcome and the channel's order id. */
    public List<Webhook> list(String channel, String outcome, String remoteId, int limit) {
        List<Webhook> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, account_id, channel, topic, remote_id, signature_ok, outcome, detail, received_at, body_bytes, body_sha256, delivery_id
                  from channel_webhook
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
                            rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
                            (Long) rs.getObject(10), rs.getString(11), rs.getString(12)));
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        return out;
    }
}
