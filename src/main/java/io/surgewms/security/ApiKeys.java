package io.surgewms.security;

import io.surgewms.platform.Sql;
import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * API keys: shown once when made, stored as a hash, revocable. A shop's key acts only within its
 * shop and scopes; a user's key acts as that user. Last use is recorded at most once a minute, so a
 * channel pushing thousands of orders does not write a row per request.
 */
@ApplicationScoped
public class ApiKeys {

    @Inject AgroalDataSource db;
    @Inject Audit audit;

    private final CallerCache cache = new CallerCache(5_000);

    /** Forget every cached caller (a user's roles, shops or state changed). Through the bean, not a field: beans are proxies. */
    void forgetAll() {
        cache.clear();
    }

    public record NewKey(String shop, String user, String name, List<String> scopes) {}

    public record Key(long id, String prefix, String name, String shop, String user, List<String> scopes, String createdBy,
                      Instant createdAt, Instant lastUsedAt, Instant revokedAt) {}

    /** The key itself appears here and nowhere else, ever. */
    public record Created(String key, Key info) {}

    public Created create(NewKey k, String actor) {
        if (k == null || k.name() == null || k.name().isBlank() || k.name().length() > 80) throw ProblemException.invalid("name", "1-80 characters");
        if ((k.shop() == null) == (k.user() == null)) throw ProblemException.invalid("shop", "give a shop (a channel's key) or a user (a script's key), not both");
        List<String> scopes = k.scopes() == null ? List.of() : k.scopes();
        for (String s : scopes) if (!Roles.SCOPES.contains(s)) throw ProblemException.invalid("scopes", "unknown scope " + s + "; known: " + Roles.SCOPES);
        if (k.shop() != null && scopes.isEmpty()) throw ProblemException.invalid("scopes", "a shop's key needs at least one scope");
        String secret = Secrets.token("sk_");
        long id;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into api_key (prefix, key_hash, name, shop_id, user_id, scopes, created_by)
                values (?, ?, ?, (select id from shop where code = ?), (select id from app_user where username = ?), ?, ?) returning id""")) {
            ps.setString(1, secret.substring(0, 10));
            ps.setString(2, Secrets.sha256(secret));
            ps.setString(3, k.name().trim());
            ps.setString(4, k.shop());
            ps.setString(5, k.user());
            ps.setArray(6, c.createArrayOf("text", scopes.toArray()));
            ps.setString(7, actor);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); id = rs.getLong(1); }
        } catch (SQLException e) {
            if ("23514".equals(e.getSQLState())) throw ProblemException.notFound(k.shop() != null ? "No shop " + k.shop() : "No user " + k.user());
            throw new IllegalStateException(e.getMessage(), e);
        }
        Key info = get(id);
        audit.record(actor, "api-key.create", info.prefix(), java.util.Map.of("name", info.name(), "shop", String.valueOf(info.shop()),
                "user", String.valueOf(info.user()), "scopes", String.join(",", info.scopes())));
        return new Created(secret, info);
    }

    public List<Key> list(String shop) {
        return query("where (?::text is null or s.code = ?) order by k.id desc", shop, shop);
    }

    public Key get(long id) {
        List<Key> l = query("where k.id = ?", id);
        if (l.isEmpty()) throw ProblemException.notFound("No API key " + id);
        return l.get(0);
    }

    public Key revoke(long id, String actor) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update api_key set revoked_at = coalesce(revoked_at, now()) where id = ?")) {
            ps.setLong(1, id);
            if (ps.executeUpdate() == 0) throw ProblemException.notFound("No API key " + id);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        cache.clear(); // the cache is keyed by hash, which a revocation by id does not know
        Key k = get(id);
        audit.record(actor, "api-key.revoke", k.prefix(), java.util.Map.of("name", k.name()));
        return k;
    }

    /** The key's caller if it was looked up lately (no database call: fit for an I/O thread), else null. */
    Caller cached(String secret) {
        return cache.get(Secrets.sha256(secret));
    }

    Caller find(String secret) {
        String hash = Secrets.sha256(secret);
        Caller known = cache.get(hash);
        if (known != null) return known;
        Caller found = lookup(hash);
        if (found != null) cache.put(hash, found);
        return found;
    }

    private Caller lookup(String hash) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select k.id, k.prefix, k.shop_id, k.scopes, k.last_used_at < now() - interval '1 minute' or k.last_used_at is null,
                       u.username, u.roles, array(select shop_id from app_user_shop where user_id = u.id)
                  from api_key k left join app_user u on u.id = k.user_id
                 where k.key_hash = ? and k.revoked_at is null and (k.user_id is null or u.active)""")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                if (rs.getBoolean(5)) touch(c, rs.getLong(1));
                String user = rs.getString(6);
                if (user == null) return new Caller("key:" + rs.getString(2), Sessions.strings(rs.getArray(4)), Set.of(rs.getLong(3)), null);
                Set<String> roles = Sessions.strings(rs.getArray(7));
                return new Caller(user, roles, roles.contains(Roles.SHOP) ? Sessions.longs(rs.getArray(8)) : null, null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void touch(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update api_key set last_used_at = now() where id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private List<Key> query(String where, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select k.id, k.prefix, k.name, s.code, u.username, k.scopes, k.created_by, k.created_at, k.last_used_at, k.revoked_at
                  from api_key k left join shop s on s.id = k.shop_id left join app_user u on u.id = k.user_id """ + " " + where)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Key> out = new ArrayList<>();
                while (rs.next())
                    out.add(new Key(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            new ArrayList<>(Sessions.strings(rs.getArray(6))), rs.getString(7), Sql.instant(rs, 8), Sql.instant(rs, 9), Sql.instant(rs, 10)));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
