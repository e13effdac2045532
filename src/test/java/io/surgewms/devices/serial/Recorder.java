package io.surgewms.devices.serial;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** A link listener that keeps everything it is told, with polling waits (never a fixed sleep). */
public final class Recorder implements SerialLink.Listener {

    public final List<String> frames = new CopyOnWriteArrayList<>();
    public final List<String> rejected = new CopyOnWriteArrayList<>();
    public final List<String> statuses = new CopyOnWriteArrayList<>();

    @Override public void onFrame(String text) { frames.add(text); }

    @Override public void onRejected(String reason, String raw) { rejected.add(reason + ": " + raw); }

    @Override public void onStatus(SerialLink.Status s, String error) { statuses.add(error == null ? s.name() : s + " " + error); }

    public long count(SerialLink.Status s) {
        return statuses.stream().filter(x -> x.startsWith(s.name())).count();
    }

    public String lastStatus() {
        return statuses.isEmpty() ? "" : statuses.get(statuses.size() - 1);
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(10), condition);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what);
            Pty.sleep(10);
        }
    }

    public static void assertContains(String actual, String... parts) {
        for (String part : parts)
            if (actual == null || !actual.contains(part)) fail("expected <" + actual + "> to contain <" + part + ">");
    }

    /** Test timing: quick back-off and health checks so unplug/replug cycles stay short. */
    public static SerialLink.Options fast(String owner, PortOwners owners) {
        return SerialLink.Options.of(owner).withOwners(owners)
                .withTiming(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(50));
    }
}
