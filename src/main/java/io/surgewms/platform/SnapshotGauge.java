package io.surgewms.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A family of gauges whose values come from a snapshot taken on a schedule (one query), never from
 * the scrape: Prometheus may scrape as often as it likes without touching the database. Rows missing
 * from a new snapshot are removed, so a deleted printer or device does not linger.
 */
public final class SnapshotGauge {

    private record Row(AtomicLong value, Gauge gauge) {}

    private final MeterRegistry meters;
    private final String name, description;
    private final Map<Tags, Row> rows = new HashMap<>();

    public SnapshotGauge(MeterRegistry meters, String name, String description) {
        this.meters = meters;
        this.name = name;
        this.description = description;
    }

    /** Replaces every row by the snapshot's: value by tags. */
    public synchronized void update(Map<Tags, ? extends Number> snapshot) {
        rows.entrySet().removeIf(e -> {
            if (snapshot.containsKey(e.getKey())) return false;
            meters.remove(e.getValue().gauge());
            return true;
        });
        snapshot.forEach((tags, v) -> rows.computeIfAbsent(tags, t -> {
            AtomicLong holder = new AtomicLong();
            return new Row(holder, Gauge.builder(name, holder, AtomicLong::get).tags(t).description(description)
                    .strongReference(true).register(meters));
        }).value().set(v.longValue()));
    }
}
