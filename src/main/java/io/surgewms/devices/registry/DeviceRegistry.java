package io.surgewms.devices.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The registered devices and their live status, in the database so every instance and the board see them. */
@ApplicationScoped
public class DeviceRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    @Inject AgroalDataSource db;
    @Inject Event<DevicesChanged> changed;

    /** Fired after a profile was added, changed or removed: the runtime reopens what it must. */
    public record DevicesChanged(String name) {}

    public record Status(String state, OffsetDateTime lastSeen, String lastError, OffsetDateTime errorAt,
                         Map<String, Object> counters, Map<String, Object> detail) {}

    public record Device(DeviceProfile profile, String source, Status status) {}

    /** Adds or replaces a profile; answers whether it was new. */
    public boolean save(DeviceProfile p, String source) {
        var problems = p.problems();
        if (!problems.isEmpty()) throw ProblemException.invalid(problems);
        boolean created;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into device (name, kind, connection, port, baud, data_bits, parity, stop_bits, flow_control, host, tcp_port,
                                    options, station, picker, enabled, source)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
                on conflict (name) do update set kind = excluded.kind, connection = excluded.connection, port = excluded.port,
                       baud = excluded.baud, data_bits = excluded.data_bits, parity = excluded.parity, stop_bits = excluded.stop_bits,
                       flow_control = excluded.flow_control, host = excluded.host, tcp_port = excluded.tcp_port,
                       options = excluded.options, station = excluded.station, picker = excluded.picker,
                       enabled = excluded.enabled, source = excluded.source, updated_at = now()
                returning (xmax = 0)""")) {
            ps.setString(1, p.name());
            ps.setString(2, p.kind());
            ps.setString(3, p.connection());
            ps.setString(4, p.serial() ? p.port() : null);
            ps.setObject(5, p.baud());
            ps.setObject(6, p.dataBits());
            ps.setString(7, p.parity());
            ps.setString(8, p.stopBits());
            ps.setString(9, p.flowControl());
            ps.setString(10, "TCP".equals(p.connection()) ? p.host() : null);
            ps.setObject(11, "TCP".equals(p.connection()) ? (p.tcpPort() == null ? 9100 : p.tcpPort()) : null);
            ps.setString(12, JSON.writeValueAsString(p.options()));
            ps.setString(13, p.station());
            ps.setString(14, p.picker());
            ps.setBoolean(15, p.enabled());
            ps.setString(16, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                created = rs.getBoolean(1);
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) throw ProblemException.invalid("station", "no pack station " + p.station());
            throw new IllegalStateException(e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        changed.fire(new DevicesChanged(p.name()));
        return created;
    }

    public void delete(String name) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("update print_job set printer = null where printer = ? and status <> 'QUEUED'")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from device where name = ?")) {
                ps.setString(1, name.toUpperCase(java.util.Locale.ROOT));
                if (ps.executeUpdate() == 0) throw ProblemException.notFound("No device " + name);
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) throw ProblemException.conflict("Device " + name + " still has queued print jobs: move or finish them first");
            throw new IllegalStateException(e.getMessage(), e);
        }
        changed.fire(new DevicesChanged(name));
    }

    public Device get(String name) {
        List<Device> found = query("where d.name = ?", name.toUpperCase(java.util.Locale.ROOT));
        if (found.isEmpty()) throw ProblemException.notFound("No device " + name);
        return found.get(0);
    }

    /** All devices, or those of a kind and/or serving a station. */
    public List<Device> list(String kind, String station) {
        return query("where (cast(? as text) is null or d.kind = upper(?)) and (cast(? as text) is null or d.station = ?) order by d.name",
                kind, kind, station, station);
    }

    private List<Device> query(String where, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select d.name, d.kind, d.connection, d.port, d.baud, d.data_bits, d.parity, d.stop_bits, d.flow_control, d.host, d.tcp_port,
                       d.options::text, d.station, d.picker, d.enabled, d.source,
                       coalesce(s.state, case when d.enabled then 'UNKNOWN' else 'DISABLED' end), s.last_seen, s.last_error, s.error_at,
                       coalesce(s.counters, '{}')::text, coalesce(s.detail, '{}')::text
                  from device d left join device_status s on s.name = d.name""" + " " + where)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Device> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> options = new java.util.HashMap<>();
                    JSON.readValue(rs.getString(12), MAP).forEach((k, v) -> options.put(k, String.valueOf(v)));
                    DeviceProfile p = new DeviceProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            (Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), (Integer) rs.getObject(11), options, rs.getString(13), rs.getString(14), rs.getBoolean(15));
                    Status s = new Status(rs.getString(17), rs.getObject(18, OffsetDateTime.class), rs.getString(19),
                            rs.getObject(20, OffsetDateTime.class), JSON.readValue(rs.getString(21), MAP), JSON.readValue(rs.getString(22), MAP));
                    out.add(new Device(p, rs.getString(16), s));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
