package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps channel access tokens alive: a job (any instance) refreshes the tokens that expire within
 * {@code surge.channels.tokens.refresh-margin} (24 h), and a call the channel refused for its token asks for one
 * refresh now ({@link #refreshAfterRefusal}). A refresh is claimed by a conditional update that leases it
 * (token_next_attempt moves past the lease), so two instances never trade the same refresh token; a failed one
 * is written on the account (token_error) and tried again after 1 min, 2, 4 … up to an hour.
 */
@ApplicationScoped
public class ChannelTokens {

    private static final Logger LOG = Logger.getLogger(ChannelTokens.class);
    static final Duration LEASE = Duration.ofMinutes(2), FIRST_RETRY = Duration.ofMinutes(1), MAX_RETRY = Duration.ofHours(1);

    /** What a token endpoint answered: the new tokens and when they expire (null: not said). */
    public record Tokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt) {}

    public record Run(int claimed, int refreshed, int failed) {}

    @Inject AgroalDataSource db;
    @Inject ChannelAccounts accounts;
    @Inject ChannelSecrets secrets;
    @Inject Instance<ChannelTokenRefresher> refreshers;

    @ConfigProperty(name = "surge.channels.tokens.enabled", defaultValue = "true") boolean enabled;
    @ConfigProperty(name = "surge.channels.tokens.refresh-margin", defaultValue = "24h") Duration margin;

    @Scheduled(every = "${surge.channels.tokens.every:5m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!enabled) return;
        try {
            Run r = runOnce();
            if (r.claimed() > 0) LOG.infof("Channel tokens: %s", r);
        } catch (RuntimeException e) {
            LOG.warn("Channel token refresh run failed; the next run goes on", e);
        }
    }

    /** Claims the accounts whose access token expires within the margin (not leased, not backing off) and refreshes each. */
    public Run runOnce() {
        List<Long> due = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update channel_account a set token_next_attempt = now() + cast(? as interval)
                  from (select id from channel_account
                         where active and refresh_token is not null and access_token_expires_at <= now() + cast(? as interval)
                           and (token_next_attempt is null or token_next_attempt <= now())
                         order by access_token_expires_at limit 50 for update skip locked) d
                 where a.id = d.id returning a.id""")) {
            ps.setString(1, LEASE.toSeconds() + " seconds");
            ps.setString(2, margin.toSeconds() + " seconds");
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) due.add(rs.getLong(1)); }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        int ok = 0;
        for (long id : due) if (refresh(id)) ok++;
        return new Run(due.size(), ok, due.size() - ok);
    }

    /**
     * The channel refused the account's token: one refresh now, unless another instance holds or just did one, or a
     * failed one is backing off. Answers the account as it is afterwards; the caller tries again only if its token changed.
     */
    public ChannelAccount refreshAfterRefusal(ChannelAccount a) throws InterruptedException {
        boolean claimed;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update channel_account set token_next_attempt = now() + cast(? as interval)
                 where id = ? and refresh_token is not null and (token_next_attempt is null or token_next_attempt <= now())
                   and (token_refreshed_at is null or token_refreshed_at < now() - interval '30 seconds')""")) {
            ps.setString(1, LEASE.toSeconds() + " seconds");
            ps.setLong(2, a.id());
            claimed = ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        if (claimed) refresh(a.id());
        if (Thread.interrupted()) throw new InterruptedException();
        ChannelAccount now = accounts.byId(a.id());
        return now == null ? a : now;
    }

    /** One claimed refresh: the new tokens sealed on the account, or the failure written on it with its backoff. */
    private boolean refresh(long id) {
        String error;
        try {
            ChannelAccount a = accounts.byId(id);
            Stored s = stored(id);
            ChannelTokenRefresher r = refresher(a == null ? null : a.channel());
            if (a == null || s == null) return false;
            if (r == null) error = "no token refresh for channel " + a.channel();
            else if (s.refreshToken() == null) error = "the refresh token does not open: connect the shop again";
            else if (s.refreshExpires() != null && s.refreshExpires().isBefore(Instant.now()))
                error = "the refresh token expired at " + s.refreshExpires() + ": connect the shop again";
            else {
                Tokens t = r.refresh(a, s.refreshToken(), s.authUrl());
                store(id, t);
                LOG.infof("Channel account %d: access token refreshed, now valid until %s", id, t.accessTokenExpiresAt());
                return true;
            }
        } catch (ChannelException e) {
            error = e.kind() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException e) {
            error = e.toString();
        }
        failed(id, error);
        return false;
    }

    private record Stored(String refreshToken, Instant refreshExpires, String authUrl) {}

    private Stored stored(long id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select refresh_token, refresh_token_expires_at, auth_url from channel_account where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Timestamp exp = rs.getTimestamp(2);
                return new Stored(secrets.open(id, "refresh_token", rs.getString(1)), exp == null ? null : exp.toInstant(), rs.getString(3));
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private void store(long id, Tokens t) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update channel_account set access_token = ?, access_token_expires_at = ?, refresh_token = coalesce(?, refresh_token),
                       refresh_token_expires_at = coalesce(?, refresh_token_expires_at), token_refreshed_at = now(),
                       token_error = null, token_attempts = 0, token_next_attempt = null
                 where id = ?""")) {
            ps.setString(1, secrets.seal(id, "access_token", t.accessToken()));
            ps.setTimestamp(2, t.accessTokenExpiresAt() == null ? null : Timestamp.from(t.accessTokenExpiresAt()));
            ps.setString(3, secrets.seal(id, "refresh_token", t.refreshToken()));
            ps.setTimestamp(4, t.refreshTokenExpiresAt() == null ? null : Timestamp.from(t.refreshTokenExpiresAt()));
            ps.setLong(5, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private void failed(long id, String error) {
        LOG.warnf("Channel account %d: token refresh failed: %s", id, error);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update channel_account set token_error = ?, token_attempts = token_attempts + 1,
                       token_next_attempt = now() + least(cast(? as interval) * power(2, least(token_attempts, 10)), cast(? as interval))
                 where id = ?""")) {
            ps.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setString(2, FIRST_RETRY.toSeconds() + " seconds");
            ps.setString(3, MAX_RETRY.toSeconds() + " seconds");
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private ChannelTokenRefresher refresher(String channel) {
        for (ChannelTokenRefresher r : refreshers) if (r.channel().equals(channel)) return r;
        return null;
    }
}
