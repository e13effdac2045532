package io.surgewms.devices;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.SnapshotGauge;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The floor's devices and label queue as gauges, from one query on a schedule (never per scrape):
 * <ul>
 * <li>{@code surge.devices{kind, state}}: devices per kind and state (every pair, zeros included);</li>
 * <li>{@code surge.device.online{device, kind}}: 1 when the device is ONLINE, else 0 (one row per registered device);</li>
 * <li>{@code surge.print.queue.depth{printer, status}}: label jobs waiting (queued, held) per printer — every printer
 *     device, plus host:port printers and {@code none} (no printer) while they have jobs.</li>
 * </ul>
 * The last snapshot also feeds the readiness check's data.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class DeviceGauges {

    private static final Logger LOG = Logger.getLogger(DeviceGauges.class);
    static final List<String> KINDS = List.of("SCANNER", "PRINTER", "SCALE");
    static final List<String> STATES = List.of("UNKNOWN", "ONLINE", "OFFLINE", "ERROR", "DISABLED");
    static final List<String> WAITING = List.of("QUEUED", "HELD");
    /** Past this many devices the per-device gauge is left out: the counts per kind and state still tell the story. */
    static final int PER_DEVICE_LIMIT = 1000;

    /**
     * What the last refresh saw; {@code at} null before the first one succeeded. Offline counts OFFLINE and ERROR;
     * unknown the enabled devices never seen (keyboard-wedge scanners always are).
     */
    public record Snapshot(Instant at, int online, int offline, int unknown, long jobsQueued, long jobsHeld) {}

    @Inject AgroalDataSource db;
    @Inject MeterRegistry meters;

    private SnapshotGauge byState, online, queueDepth;
    private volatile Snapshot last = new Snapshot(null, 0, 0, 0, 0, 0);

    @PostConstruct
    void register() {
        byState = new SnapshotGauge(meters, "surge.devices", "Registered devices per kind and state (disabled ones as DISABLED)");
        online = new SnapshotGauge(meters, "surge.device.online", "1 when the device is online, else 0");
        queueDepth = new SnapshotGauge(meters, "surge.print.queue.depth", "Label jobs waiting per printer: queued (to be sent) or held (no printer)");
    }

    public Snapshot last() {
        return last;
    }

    @Scheduled(every = "${surge.metrics.refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debug("Device gauges not refreshed: " + e.getMessage()); // the readiness checks report a database away
        }
    }

    /** Reads devices and waiting jobs in one query and updates the gauges; answers what it saw. */
    public synchronized Snapshot refresh() {
        Map<Tags, Long> states = new HashMap<>(), perDevice = new HashMap<>(), depth = new HashMap<>();
        for (String k : KINDS) for (String s : STATES) states.put(Tags.of("kind", lower(k), "state", lower(s)), 0L);
        int up = 0, down = 0, unknown = 0;
        long queued = 0, held = 0;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select 'device', d.name, d.kind, case when d.enabled then coalesce(s.state, 'UNKNOWN') else 'DISABLED' end, 0
                  from device d left join device_status s on s.name = d.name
                union all
                select 'job', target, status, null, count(*) from print_job where status in ('QUEUED','HELD') group by target, status""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(2), kind = rs.getString(3);
                if (rs.getString(1).equals("device")) {
                    String state = rs.getString(4);
                    states.merge(Tags.of("kind", lower(kind), "state", lower(state)), 1L, Long::sum);
                    switch (state) {
                        case "ONLINE" -> up++;
                        case "OFFLINE", "ERROR" -> down++;
                        case "UNKNOWN" -> unknown++;
                        default -> { /* DISABLED: not expected to be anywhere */ }
                    }
                    perDevice.put(Tags.of("device", name, "kind", lower(kind)), state.equals("ONLINE") ? 1L : 0L);
                    if (kind.equals("PRINTER")) for (String w : WAITING) depth.putIfAbsent(Tags.of("printer", name, "status", lower(w)), 0L);
                } else {
                    long n = rs.getLong(5);
                    depth.put(Tags.of("printer", printer(name), "status", lower(kind)), n);
                    if (kind.equals("QUEUED")) queued += n; else held += n;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        byState.update(states);
        online.update(perDevice.size() <= PER_DEVICE_LIMIT ? perDevice : Map.of());
        queueDepth.update(depth);
        return last = new Snapshot(Instant.now(), up, down, unknown, queued, held);
    }

    /** A job's target as the printer's name: its device, its host:port, or none. */
    static String printer(String target) {
        if (target == null) return "none";
        return target.startsWith("device:") ? target.substring(7) : target.startsWith("tcp:") ? target.substring(4) : target;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
