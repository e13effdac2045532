package io.surgewms.devices;

import io.surgewms.devices.registry.DeviceProfile;
import io.surgewms.devices.serial.SerialLink;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One serial scanner on this instance. Frames arrive on jssc's reader thread and are handed to the
 * scanner's own worker, so the port is never held up by the database and scans keep their order.
 */
final class Scanner implements OpenDevice {
    private final DeviceProfile profile;
    private volatile SerialLink link; // null while open() still runs: the first status can arrive before it returns
    private final ExecutorService worker;

    Scanner(DeviceProfile profile, DeviceRuntime rt) {
        this.profile = profile;
        // At most a few hundred scans can wait (a jammed trigger); more are dropped and counted as rejected by the link's owner
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(500),
                r -> {
                    Thread t = new Thread(r, "scanner-" + profile.name());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
        this.link = SerialLink.open(profile.serialSettings(), profile.framer(), new SerialLink.Listener() {
            @Override
            public void onFrame(String text) {
                long at = System.nanoTime();
                worker.execute(() -> rt.deliver(profile, text, null, at));
            }

            @Override
            public void onRejected(String reason, String raw) {
                long at = System.nanoTime();
                worker.execute(() -> rt.deliver(profile, raw, reason, at));
            }

            @Override
            public void onStatus(SerialLink.Status status, String error) {
                worker.execute(() -> rt.stateChanged(profile, status.name(), error, counters()));
            }
        }, SerialLink.Options.of(profile.name()));
    }

    @Override
    public DeviceProfile profile() {
        return profile;
    }

    Map<String, Object> counters() {
        if (link == null) return Map.of();
        SerialLink.Counters c = link.counters();
        return Map.of("scans", c.frames(), "rejected", c.rejected(), "reconnects", c.reconnects(), "bytes", c.bytes());
    }

    void heartbeat(DeviceRuntime rt) {
        if (link != null && link.status() == SerialLink.Status.ONLINE) worker.execute(() -> rt.status.write(profile.name(), null, null, counters()));
    }

    @Override
    public void close() {
        link.close();
        worker.shutdown();
    }
}
