package io.surgewms.devices.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes a device's live state where every instance and the board read it. A failure to write is
 * logged, never thrown: a database hiccup must not stop a scanner's thread.
 */
@ApplicationScoped
public class DeviceStatusWriter {

    private static final Logger LOG = Logger.getLogger(DeviceStatusWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String INSTANCE = java.util.UUID.randomUUID().toString().substring(0, 8);

    @Inject AgroalDataSource db;

    /**
     * @param state ONLINE, OFFLINE, ERROR or DISABLED; null keeps the state and only refreshes last_seen and counters
     * @param error the error that caused an OFFLINE/ERROR state (kept with its time), or null
     */
    public void write(String device, String state, String error, Map<String, Object> counters) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into device_status (name, state, last_seen, last_error, error_at, counters, instance)
                values (?, coalesce(cast(? as text), 'ONLINE'), case when coalesce(cast(? as text), 'ONLINE') = 'ONLINE' then now() end,
                        cast(? as text), case when cast(? as text) is not null then now() end, cast(? as jsonb), ?)
                on conflict (name) do update set
                       state = coalesce(cast(? as text), device_status.state),
                       last_seen = coalesce(excluded.last_seen, device_status.last_seen),
                       last_error = coalesce(excluded.last_error, device_status.last_error),
                       error_at = coalesce(excluded.error_at, device_status.error_at),
                       counters = device_status.counters || excluded.counters, instance = excluded.instance, updated_at = now()""")) {
            String counterJson = JSON.writeValueAsString(counters == null ? Map.of() : counters);
            Object[] args = {device, state, state, error, error, counterJson, INSTANCE, state};
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            LOG.warnf("Device %s status not recorded: %s", device, e.getMessage());
        } catch (RuntimeException e) {
            // The service is stopping (pool closed) or the device was just removed
            LOG.debugf("Device %s status not recorded: %s", device, e.getMessage());
        }
    }
}
