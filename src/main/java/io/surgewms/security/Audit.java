package io.surgewms.security;

import io.surgewms.platform.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit log: sign-ins (and failures), role and user changes, keys made and revoked, and the
 * supervisors' actions that change the floor (stock adjustments, wave releases, priorities, policy,
 * reprints). Written after the action succeeded; never holds a secret.
 */
@ApplicationScoped
public class Audit {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject AgroalDataSource db;

    public record Entry(long id, Instant at, String actor, String action, String target, Map<String, Object> detail, String ip) {}

    public void record(String actor, String action, String target, Map<String, ?> detail) {
        record(actor, action, target, detail, null);
    }

    public void record(String actor, String action, String target, Map<String, ?> detail, String ip) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into audit_log (actor, action, target, detail, ip) values (?, ?, ?, ?::jsonb, ?)")) {
            ps.setString(1, actor == null ? "anonymous" : actor);
            ps.setString(2, action);
            ps.setString(3, target);
            ps.setString(4, JSON.writeValueAsString(detail == null ? Map.of() : detail));
            ps.setString(5, ip);
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("audit: " + e.getMessage(), e);
        }
    }

    public List<Entry> find(String actor, String action, Instant from, Instant to, int limit) {
        if (limit < 1 || limit > 1000) throw ProblemException.invalid("limit", "1-1000");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, at, actor, action, target, detail::text, ip from audit_log
                 where (?::text is null or actor = ?) and (?::text is null or action like ? || '%')
                   and (?::timestamptz is null or at >= ?) and (?::timestamptz is null or at < ?)
                 order by at desc, id desc limit ?""")) {
            OffsetDateTime f = from == null ? null : from.atOffset(ZoneOffset.UTC), t = to == null ? null : to.atOffset(ZoneOffset.UTC);
            Object[] args = {actor, actor, action, action, f, f, t, t, limit};
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Entry> out = new ArrayList<>();
                while (rs.next())
                    out.add(new Entry(rs.getLong(1), Sql.instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                            JSON.readValue(rs.getString(6), Map.class), rs.getString(7)));
                return out;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("audit: " + e.getMessage(), e);
        }
    }
}
