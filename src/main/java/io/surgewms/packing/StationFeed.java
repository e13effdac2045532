package io.surgewms.packing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.surgewms.devices.DeviceEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a station's screen must hear without asking: scans from its serial scanner (with the answer),
 * its scale's weight, its devices going offline. One broadcast per station, consumed as Server-Sent
 * Events by the pack station page. In-process: the page must reach the instance that owns the station's
 * devices (only the board hears other instances, through the database).
 */
@ApplicationScoped
public class StationFeed {

    /**
     * One event for the screen. {@code type}: scan (a device scan and its answer), weight, device.
     * {@code serverMillis} is the time from the scan's last byte to its answer, and {@code arrivedNanos} when that
     * byte was read (the monotonic clock, comparable only on this machine), for the latency figures.
     */
    public record Message(String type, String station, String device, String code, PackView.Answer answer,
                          Integer grams, Boolean stable, String state, String error, Double serverMillis, Long arrivedNanos) {}

    private final Map<String, BroadcastProcessor<Message>> stations = new ConcurrentHashMap<>();
    private final Map<String, String> packers = new ConcurrentHashMap<>();

    /** The station's events, with a comment-free keep-alive so proxies keep the stream open. */
    public Multi<Message> subscribe(String station, String packer) {
        if (packer != null && !packer.isBlank()) packers.put(station, packer);
        Multi<Message> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .map(t -> new Message("ping", station, null, null, null, null, null, null, null, null, null));
        return Multi.createBy().merging().streams(processor(station), keepAlive);
    }

    /** Who is packing at a station, as its screen last said: the actor of a device's scans there. */
    public Optional<String> packerAt(String station) {
        return Optional.ofNullable(packers.get(station));
    }

    public void scanned(String station, String device, String code, PackView.Answer answer, long arrivedNanos) {
        publish(new Message("scan", station, device, code, answer, null, null, null, null,
                (System.nanoTime() - arrivedNanos) / 1e6, arrivedNanos));
    }

    void onDevice(@Observes DeviceEvent e) {
        if (e instanceof DeviceEvent.Weight w)
            publish(new Message("weight", w.station(), w.device(), null, null, w.grams(), w.stable(), null, null, null, null));
        else if (e instanceof DeviceEvent.StateChanged s)
            publish(new Message("device", s.station(), s.device(), null, null, null, null, s.state(), s.error(), null, null));
    }

    private void publish(Message m) {
        BroadcastProcessor<Message> p = stations.get(m.station());
        if (p != null) p.onNext(m);
    }

    private BroadcastProcessor<Message> processor(String station) {
        return stations.computeIfAbsent(station, s -> BroadcastProcessor.create());
    }
}
