package io.surgewms.devices;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.devices.registry.DeviceFiles;
import io.surgewms.devices.registry.DeviceProfile;
import io.surgewms.devices.registry.DeviceRegistry;
import io.surgewms.devices.registry.DeviceStatusWriter;
import io.surgewms.devices.scale.Scale;
import io.surgewms.devices.scale.ScaleException;
import io.surgewms.devices.scale.ScaleReading;
import io.surgewms.devices.serial.SerialLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every enabled serial scanner and scale of the registry connected on this instance: loads the
 * site's profile files at start, opens a port per device, turns its frames into {@link DeviceScan}
 * events and its state into {@code device_status}, and reopens what changed when a profile changes.
 * Ports are local to a machine, so only the instance the device is plugged into should own serial
 * devices ({@code surge.devices.serial.enabled}).
 */
@ApplicationScoped
public class DeviceRuntime {

    private static final Logger LOG = Logger.getLogger(DeviceRuntime.class);

    @Inject DeviceRegistry registry;
    @Inject DeviceStatusWriter status;
    @Inject Event<DeviceScan> scans;
    @Inject Event<DeviceEvent> events;

    @ConfigProperty(name = "surge.devices.directory") Optional<String> directory;
    @ConfigProperty(name = "surge.devices.serial.enabled", defaultValue = "true") boolean serialEnabled;

    /** Open devices by name, with the profile they were opened with (a changed profile reopens). */
    private final Map<String, OpenDevice> running = new ConcurrentHashMap<>();
    /** When the last reconcile ended ({@link System#nanoTime()}): one that stops coming means a stuck or dead loop. */
    private volatile long lastReconcile = System.nanoTime();

    void start(@Observes StartupEvent ev) {
        if (directory.isPresent() && !directory.get().isBlank()) {
            DeviceFiles.Loaded loaded = DeviceFiles.load(Path.of(directory.get()));
            for (DeviceProfile p : loaded.profiles()) {
                try {
                    registry.save(p, "FILE");
                } catch (RuntimeException e) {
                    LOG.warnf("Device profile %s not loaded: %s", p.name(), e.getMessage());
                }
            }
            loaded.errors().forEach(e -> LOG.warn("Device profile not loaded: " + e));
            LOG.infof("Loaded %d device profile(s) from %s", loaded.profiles().size(), directory.get());
        }
        reconcile();
    }

    void stop(@Observes ShutdownEvent ev) {
        running.values().forEach(OpenDevice::close);
        running.clear();
    }

    void onChange(@Observes DeviceRegistry.DevicesChanged ev) {
        reconcile();
    }

    /** Also picks up profiles another instance changed. */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void reconcile() {
        try {
            reconcileNow();
        } finally {
            lastReconcile = System.nanoTime(); // a round that failed (database away) still shows the loop is alive
        }
    }

    private void reconcileNow() {
        if (!serialEnabled) return;
        Map<String, DeviceProfile> wanted = new HashMap<>();
        try {
            for (DeviceRegistry.Device d : registry.list(null, null)) {
                DeviceProfile p = d.profile();
                if (p.enabled() && p.serial() && !p.kind().equals("PRINTER")) wanted.put(p.name(), p);
            }
        } catch (RuntimeException e) {
            LOG.warn("Devices not reconciled: " + e.getMessage());
            return;
        }
        running.entrySet().removeIf(e -> {
            if (e.getValue().profile().equals(wanted.get(e.getKey()))) return false;
            e.getValue().close();
            return true;
        });
        wanted.forEach((name, p) -> running.computeIfAbsent(name, n -> open(p)));
    }

    /** What the readiness check needs: whether this instance runs serial devices, how many are open, the last reconcile. */
    public record Loop(boolean serialEnabled, int open, Duration sinceReconcile) {}

    public Loop loop() {
        return new Loop(serialEnabled, running.size(), Duration.ofNanos(System.nanoTime() - lastReconcile));
    }

    private OpenDevice open(DeviceProfile p) {
        try {
            return p.kind().equals("SCALE") ? new ScaleDevice(p, Scale.open(p.serialSettings(), p.scaleProtocol(), SerialLink.Options.of(p.name())))
                    : new Scanner(p, this);
        } catch (RuntimeException e) {
            status.write(p.name(), "ERROR", e.getMessage(), Map.of());
            LOG.warnf("Device %s not opened: %s", p.name(), e.getMessage());
            return null;
        }
    }

    /** The scanner's frames, one at a time in arrival order, into the floor's scan pipeline. */
    void deliver(DeviceProfile p, String code, String rejected, long at) {
        try {
            scans.fire(new DeviceScan(p.name(), p.station(), p.picker(), code, rejected, at));
        } catch (RuntimeException e) {
            LOG.warnf("Scan %s from %s not handled: %s", code, p.name(), e.getMessage());
        }
    }

    void stateChanged(DeviceProfile p, String state, String error, Map<String, Object> counters) {
        status.write(p.name(), state, error, counters);
        if (p.station() != null) events.fire(new DeviceEvent.StateChanged(p.name(), p.kind(), p.station(), state, error));
    }

    /** A stable weight from the station's scale, in grams: the latest of a streaming scale, or one asked for. */
    public Optional<Integer> stableGramsAt(String station) {
        for (OpenDevice r : running.values()) {
            if (r instanceof ScaleDevice s && station.equals(s.profile().station())) {
                try {
                    ScaleReading reading = s.scale().protocol().continuous()
                            ? s.scale().latest().filter(ScaleReading::stable).orElseThrow(() -> new ScaleException("no stable weight yet"))
                            : s.scale().read(Duration.ofSeconds(2));
                    return Optional.of(DeviceEvent.grams(reading.toKilograms()));
                } catch (ScaleException e) {
                    LOG.infof("Scale %s: %s", s.profile().name(), e.getMessage());
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Streaming scales: a changed reading goes to the station's screen; the link's state to device_status. */
    @Scheduled(every = "0.3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watchScales() {
        for (OpenDevice r : running.values()) if (r instanceof ScaleDevice s) s.watch(this);
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshCounters() {
        for (OpenDevice r : running.values()) if (r instanceof Scanner s) s.heartbeat(this);
    }

    /** A running serial scale and what its screen last saw. */
    private static final class ScaleDevice implements OpenDevice {
        private final DeviceProfile profile;
        private final Scale scale;
        private ScaleReading shown;
        private SerialLink.Status state;

        ScaleDevice(DeviceProfile profile, Scale scale) {
            this.profile = profile;
            this.scale = scale;
        }

        Scale scale() { return scale; }

        @Override
        public DeviceProfile profile() { return profile; }

        void watch(DeviceRuntime rt) {
            SerialLink.Status now = scale.link().status();
            if (now != state) {
                state = now;
                rt.stateChanged(profile, now.name(), now == SerialLink.Status.OFFLINE ? scale.link().lastError() : null, Map.of());
            }
            ScaleReading r = scale.latest().orElse(null);
            if (r != null && !r.equals(shown) && profile.station() != null) {
                shown = r;
                rt.events.fire(new DeviceEvent.Weight(profile.name(), profile.station(), DeviceEvent.grams(r.toKilograms()), r.stable()));
            }
        }

        @Override
        public void close() {
            scale.close();
        }
    }
}
