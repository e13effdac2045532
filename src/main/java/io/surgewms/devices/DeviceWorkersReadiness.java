package io.surgewms.devices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Not ready while the device workers of this instance are dead or stuck: the print queue's senders
 * (their pool shut down, or no round for {@code surge.devices.workers.stale-after}) would leave every
 * label waiting, and the device runtime's reconcile loop (when this instance owns serial devices) would
 * never reopen an unplugged scanner. Devices being offline does not make the service unready — that is
 * the floor's state, shown in the data; a dead worker is the service's.
 */
@Readiness
@ApplicationScoped
public class DeviceWorkersReadiness implements HealthCheck {

    public static final String NAME = "device-workers";

    @Inject PrintQueue queue;
    @Inject DeviceRuntime runtime;
    @Inject DeviceGauges gauges;

    @ConfigProperty(name = "surge.devices.workers.stale-after", defaultValue = "60s") Duration staleAfter;

    @Override
    public HealthCheckResponse call() {
        return judge(queue.workers(), runtime.loop(), gauges.last(), staleAfter);
    }

    /** The check's whole logic, on what the workers report: kept apart so a dead worker can be tested without killing one. */
    public static HealthCheckResponse judge(PrintQueue.Workers print, DeviceRuntime.Loop loop, DeviceGauges.Snapshot floor, Duration staleAfter) {
        boolean sendersAlive = print.sendersRunning() && print.wakerRunning() && print.sinceRound().compareTo(staleAfter) < 0;
        boolean reconcileAlive = !loop.serialEnabled() || loop.sinceReconcile().compareTo(staleAfter) < 0;
        HealthCheckResponseBuilder r = HealthCheckResponse.named(NAME).status(sendersAlive && reconcileAlive)
                .withData("printSenders", sendersAlive ? "alive" : "dead")
                .withData("printSendersBusy", print.sendersBusy())
                .withData("printRoundAgoMs", print.sinceRound().toMillis())
                .withData("reconcile", !loop.serialEnabled() ? "off (serial devices disabled here)" : reconcileAlive ? "alive" : "dead")
                .withData("reconcileAgoMs", loop.sinceReconcile().toMillis())
                .withData("serialDevicesOpen", loop.open());
        if (floor.at() != null) // from the gauges' last refresh, so the check itself runs no query
            r.withData("devicesOnline", floor.online()).withData("devicesOffline", floor.offline()).withData("devicesUnknown", floor.unknown())
                    .withData("jobsQueued", floor.jobsQueued()).withData("jobsHeld", floor.jobsHeld())
                    .withData("floorSeenAt", floor.at().toString());
        return r.build();
    }
}
