package io.surgewms.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Server-side sessions: the browser holds a random token (HttpOnly cookie), the database its hash,
 * so signing out or disabling a user ends the session at once. A session lasts one shift.
 */
@ApplicationScoped
public class Sessions {

    @Inject AgroalDataSource db;

    @ConfigProperty(name = "surge.security.session-ttl", defaultValue = "PT12H") Duration ttl;

    public record Opened(String token, String csrf, Duration ttl) {}

    /** Seconds, not minutes: a disabled user or a sign-out elsewhere must not linger. */
    private final CallerCache cache = new CallerCache(5_000);

    /** Forget every cached caller (a user's roles, shops or state changed). Through the bean, not a field: beans are proxies. */
    void forgetAll() {
        cache.clear();
    }

    public Opened open(long userId, String via) {
        String token = Secrets.token("ss_"), csrf = Secrets.token("");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into user_session (token_hash, user_id, csrf, via, expires_at) values (?, ?, ?, ?, now() + ?::interval)")) {
            ps.setString(1, Secrets.sha256(token));
            ps.setLong(2, userId);
            ps.setString(3, csrf);
            ps.setString(4, via);
            ps.setString(5, ttl.toSeconds() + " seconds");
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new Opened(token, csrf, ttl);
    }

    public void close(String token) {
        cache.forget(Secrets.sha256(token));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update user_session set revoked_at = now() where token_hash = ? and revoked_at is null")) {
            ps.setString(1, Secrets.sha256(token));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The session's caller if it was looked up lately (no database call: fit for an I/O thread), else null. */
    Caller cached(String token) {
        return cache.get(Secrets.sha256(token));
    }

    Caller find(String token) {
        String hash = Secrets.sha256(token);
        Caller known = cache.get(hash);
        if (known != null) return known;
        Caller found = lookup(hash);
        if (found != null) cache.put(hash, found);
        return found;
    }

    private Caller lookup(String hash) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select u.username, u.roles, s.csrf, array(select shop_id from app_user_shop where user_id = u.id)
                  from user_session s join app_user u on u.id = s.user_id
                 where s.token_hash = ? and s.revoked_at is null and s.expires_at > now() and u.active""")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Set<String> roles = strings(rs.getArray(2));
                return new Caller(rs.getString(1), roles, roles.contains(Roles.SHOP) ? longs(rs.getArray(4)) : null, rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static Set<String> strings(Array a) throws SQLException {
        return a == null ? Set.of() : new LinkedHashSet<>(Arrays.asList((String[]) a.getArray()));
    }

    static Set<Long> longs(Array a) throws SQLException {
        return a == null ? Set.of() : new LinkedHashSet<>(Arrays.asList((Long[]) a.getArray()));
    }
}
