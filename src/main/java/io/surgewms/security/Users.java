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
import java.util.Map;
import java.util.regex.Pattern;

/** Users, their roles and shops, badges and PINs. No answer ever carries a hash. */
@ApplicationScoped
public class Users {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,39}$");
    private static final Pattern PIN = Pattern.compile("^\\d{4,8}$");

    @Inject AgroalDataSource db;
    @Inject Audit audit;
    @Inject Sessions sessions;
    @Inject ApiKeys keys;

    public record NewUser(String username, String displayName, String password, List<String> roles, List<String> shops,
                          String badge, String pin, Boolean active) {}

    public record User(long id, String username, String displayName, List<String> roles, List<String> shops, String badge,
                       boolean active, boolean hasPassword, boolean hasPin, Instant lockedUntil, Instant createdAt) {}

    public User create(NewUser u, String actor) {
        if (u == null || u.username() == null || !NAME.matcher(u.username()).matches())
            throw ProblemException.invalid("username", "2-40 characters: lower-case letters, digits, . _ -");
        validate(u, true);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into app_user (username, display_name, password_hash, badge, pin_hash, roles, active)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")) {
                ps.setString(1, u.username());
                ps.setString(2, u.displayName() == null || u.displayName().isBlank() ? u.username() : u.displayName().trim());
                ps.setString(3, u.password() == null ? null : Secrets.hashPassword(u.password()));
                ps.setString(4, blankToNull(u.badge()));
                ps.setString(5, u.pin() == null ? null : Secrets.hashPassword(u.pin()));
                ps.setArray(6, c.createArrayOf("text", u.roles().toArray()));
                ps.setBoolean(7, u.active() == null || u.active());
                long id;
                try (ResultSet rs = ps.executeQuery()) { rs.next(); id = rs.getLong(1); }
                setShops(c, id, u.shops());
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState()))
                    throw ProblemException.conflict(e.getMessage().contains("badge") ? "Badge " + u.badge() + " is someone else's" : "User " + u.username() + " exists");
                throw e;
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        audit.record(actor, "user.create", u.username(), Map.of("roles", u.roles(), "shops", u.shops() == null ? List.of() : u.shops()));
        return get(u.username());
    }

    /** Changes what is given (null fields stay); roles, shops and active are audited. */
    public User update(String username, NewUser u, String actor) {
        User before = get(username);
        if (u == null) throw ProblemException.invalid("$", "send the fields to change");
        validate(new NewUser(username, u.displayName(), u.password(), u.roles() == null ? before.roles() : u.roles(),
                u.shops() == null ? before.shops() : u.shops(), u.badge(), u.pin(), u.active()), false);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    update app_user set display_name = coalesce(?, display_name), password_hash = coalesce(?, password_hash),
                           badge = case when ?::text is null then badge when ? = '' then null else ? end,
                           pin_hash = coalesce(?, pin_hash), roles = coalesce(?, roles), active = coalesce(?, active),
                           failed_attempts = case when ?::text is not null or ?::text is not null then 0 else failed_attempts end,
                           locked_until = case when ?::text is not null or ?::text is not null then null else locked_until end,
                           updated_at = now()
                     where id = ?""")) {
                String hash = u.password() == null ? null : Secrets.hashPassword(u.password());
                String pin = u.pin() == null ? null : Secrets.hashPassword(u.pin());
                Object[] args = {blankToNull(u.displayName()), hash, u.badge(), u.badge(), u.badge(), pin,
                        u.roles() == null ? null : c.createArrayOf("text", u.roles().toArray()), u.active(), hash, pin, hash, pin, before.id()};
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                ps.executeUpdate();
                if (u.shops() != null) {
                    try (PreparedStatement d = c.prepareStatement("delete from app_user_shop where user_id = ?")) {
                        d.setLong(1, before.id());
                        d.executeUpdate();
                    }
                    setShops(c, before.id(), u.shops());
                }
                if (Boolean.FALSE.equals(u.active()) || u.password() != null) endSessions(c, before.id());
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) throw ProblemException.conflict("Badge " + u.badge() + " is someone else's");
                throw e;
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        sessions.forgetAll(); // roles, shops or active changed: no one keeps the old ones
        keys.forgetAll();
        User after = get(username);
        Map<String, Object> changes = new java.util.LinkedHashMap<>();
        if (!after.roles().equals(before.roles())) changes.put("roles", List.of(before.roles(), after.roles()));
        if (!after.shops().equals(before.shops())) changes.put("shops", List.of(before.shops(), after.shops()));
        if (after.active() != before.active()) changes.put("active", after.active());
        if (u.password() != null) changes.put("password", "changed");
        if (u.pin() != null) changes.put("pin", "changed");
        if (u.badge() != null) changes.put("badge", after.badge() == null ? "removed" : after.badge());
        if (!changes.isEmpty()) audit.record(actor, changes.containsKey("roles") ? "user.roles" : "user.update", username, changes);
        return after;
    }

    public List<User> list() {
        return query("order by u.username");
    }

    public User get(String username) {
        List<User> l = query("where u.username = ?", username);
        if (l.isEmpty()) throw ProblemException.notFound("No user " + username);
        return l.get(0);
    }

    public boolean any() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select exists (select 1 from app_user)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void validate(NewUser u, boolean creating) {
        if (u.roles() == null || u.roles().isEmpty()) throw ProblemException.invalid("roles", "at least one of " + Roles.ALL);
        for (String r : u.roles()) if (!Roles.ALL.contains(r)) throw ProblemException.invalid("roles", "unknown role " + r + "; known: " + Roles.ALL);
        if (u.roles().contains(Roles.SHOP) && u.roles().size() > 1)
            throw ProblemException.invalid("roles", "SHOP is a seller's role: it cannot be combined with warehouse roles");
        if (u.roles().contains(Roles.SHOP) && (u.shops() == null || u.shops().isEmpty()))
            throw ProblemException.invalid("shops", "a SHOP user needs at least one shop");
        if (!u.roles().contains(Roles.SHOP) && u.shops() != null && !u.shops().isEmpty())
            throw ProblemException.invalid("shops", "only SHOP users are bound to shops; warehouse staff see every shop");
        if (u.password() != null && (u.password().length() < 10 || u.password().length() > 200))
            throw ProblemException.invalid("password", "10-200 characters");
        if (u.pin() != null && !PIN.matcher(u.pin()).matches()) throw ProblemException.invalid("pin", "4-8 digits");
        if (u.badge() != null && !u.badge().isEmpty() && !u.badge().matches("^[A-Za-z0-9-]{4,40}$"))
            throw ProblemException.invalid("badge", "4-40 letters, digits or -");
        if (creating && u.password() == null && (u.badge() == null || u.pin() == null))
            throw ProblemException.invalid("password", "give a password, or a badge and a PIN");
    }

    private static void setShops(Connection c, long userId, List<String> shops) throws SQLException {
        if (shops == null) return;
        for (String code : shops) {
            try (PreparedStatement ps = c.prepareStatement("insert into app_user_shop (user_id, shop_id) select ?, id from shop where code = ?")) {
                ps.setLong(1, userId);
                ps.setString(2, code);
                if (ps.executeUpdate() == 0) throw ProblemException.invalid("shops", "no shop " + code);
            }
        }
    }

    static void endSessions(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update user_session set revoked_at = now() where user_id = ? and revoked_at is null")) {
            ps.setLong(1, userId);
            ps.executeUpdate();
        }
    }

    private List<User> query(String where, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select u.id, u.username, u.display_name, u.roles,
                       array(select s.code from app_user_shop us join shop s on s.id = us.shop_id where us.user_id = u.id order by s.code),
                       u.badge, u.active, u.password_hash is not null, u.pin_hash is not null, u.locked_until, u.created_at
                  from app_user u """ + " " + where)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<User> out = new ArrayList<>();
                while (rs.next())
                    out.add(new User(rs.getLong(1), rs.getString(2), rs.getString(3), new ArrayList<>(Sessions.strings(rs.getArray(4))),
                            new ArrayList<>(Sessions.strings(rs.getArray(5))), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8),
                            rs.getBoolean(9), Sql.instant(rs, 10), Sql.instant(rs, 11)));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
