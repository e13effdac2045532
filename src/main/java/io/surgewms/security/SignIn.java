package io.surgewms.security;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * Sign-in by username + password (browsers) or badge + PIN (handhelds, pack stations). After
 * {@code free-attempts} failures in a row an account waits 30 s, doubling with each further failure
 * up to {@code max-lock}; a success clears the count. Unknown names get the same answer, after the
 * same bcrypt work, as wrong passwords.
 */
@ApplicationScoped
public class SignIn {

    // A real bcrypt hash of a random string: unknown users cost as much as known ones.
    private static final String DUMMY = Secrets.hashPassword(Secrets.token(""));

    @Inject AgroalDataSource db;
    @Inject Sessions sessions;
    @Inject Audit audit;

    @ConfigProperty(name = "surge.security.free-attempts", defaultValue = "3") int freeAttempts;
    @ConfigProperty(name = "surge.security.max-lock", defaultValue = "PT15M") Duration maxLock;

    public record Signed(String username, Sessions.Opened session) {}

    public Signed password(String username, String password, String ip) {
        if (username == null || password == null) throw ProblemException.invalid("username", "username and password are required");
        return attempt("username = ?", username.trim().toLowerCase(), password, "PASSWORD", ip, "Wrong username or password");
    }

    public Signed badge(String badge, String pin, String ip) {
        if (badge == null || pin == null) throw ProblemException.invalid("badge", "badge and PIN are required");
        return attempt("badge = ?", badge.trim(), pin, "BADGE", ip, "Unknown badge or wrong PIN");
    }

    private Signed attempt(String where, String who, String secret, String via, String ip, String wrong) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, username, case when ? = 'BADGE' then pin_hash else password_hash end, active, failed_attempts,
                           ceil(extract(epoch from locked_until - now()))::int
                      from app_user where """ + " " + where + " for update")) {
                ps.setString(1, via);
                ps.setString(2, who);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        Secrets.matches(secret, DUMMY);
                        c.rollback();
                        audit.record(who, "signin.failure", who, Map.of("via", via, "reason", "unknown"), ip);
                        throw unauthorized(wrong);
                    }
                    long id = rs.getLong(1);
                    String username = rs.getString(2), hash = rs.getString(3);
                    int failed = rs.getInt(5), lockedFor = rs.getInt(6);
                    if (lockedFor > 0) {
                        c.rollback();
                        audit.record(username, "signin.locked", username, Map.of("via", via, "seconds", lockedFor), ip);
                        throw new ProblemException(Problem.of(429, "Too many failed sign-ins",
                                "Too many failed attempts: try again in " + lockedFor + " s, or ask a supervisor"));
                    }
                    if (!rs.getBoolean(4) || !Secrets.matches(secret, hash)) {
                        failed++;
                        long lock = failed < freeAttempts ? 0 : Math.min(maxLock.toSeconds(), 30L << Math.min(20, failed - freeAttempts));
                        try (PreparedStatement u = c.prepareStatement(
                                "update app_user set failed_attempts = ?, locked_until = case when ? > 0 then now() + ? * interval '1 second' end where id = ?")) {
                            u.setInt(1, failed);
                            u.setLong(2, lock);
                            u.setLong(3, lock);
                            u.setLong(4, id);
                            u.executeUpdate();
                        }
                        c.commit();
                        audit.record(username, "signin.failure", username, Map.of("via", via, "failed", failed, "lockedSeconds", lock), ip);
                        throw unauthorized(wrong);
                    }
                    try (PreparedStatement u = c.prepareStatement("update app_user set failed_attempts = 0, locked_until = null where id = ?")) {
                        u.setLong(1, id);
                        u.executeUpdate();
                    }
                    c.commit();
                    Sessions.Opened s = sessions.open(id, via);
                    audit.record(username, "signin", username, Map.of("via", via), ip);
                    return new Signed(username, s);
                }
            } catch (SQLException | RuntimeException e) {
                if (!c.getAutoCommit()) c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "Sign-in failed", detail));
    }
}
