package io.surgewms.board.metrics;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.surgewms.devices.DeviceGauges;
import io.surgewms.devices.DeviceRuntime;
import io.surgewms.devices.DeviceWorkersReadiness;
import io.surgewms.devices.PrintQueue;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** /q/health/ready covers the database and the device workers, and goes DOWN when a worker is dead. */
@QuarkusTest
class ReadinessTest {

    static final Duration STALE = Duration.ofSeconds(60);
    static final DeviceGauges.Snapshot FLOOR = new DeviceGauges.Snapshot(Instant.now(), 3, 1, 2, 4, 0);

    @Inject PrintQueue queue;
    @Inject DeviceGauges devices;

    @Test
    void shall_be_ready_with_the_database_and_live_device_workers() {
        devices.refresh();
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", health.getString("status"));
        org.hamcrest.MatcherAssert.assertThat(health.getList("checks.name"),
                hasItems("Database connections health check", DeviceWorkersReadiness.NAME, "order-intake"));
        String check = "checks.find { it.name == '" + DeviceWorkersReadiness.NAME + "' }";
        assertEquals("UP", health.getString(check + ".status"));
        assertEquals("alive", health.getString(check + ".data.printSenders"));
        assertEquals("alive", health.getString(check + ".data.reconcile"));
        org.hamcrest.MatcherAssert.assertThat(health.getMap(check + ".data").keySet(),
                hasItems("devicesOnline", "devicesOffline", "jobsQueued", "jobsHeld", "printSendersBusy"));
        assertEquals("UP", health.getString("checks.find { it.name == 'Database connections health check' }.status"));
    }

    /** The real queue with its sender pool shut down (then given back): the endpoint answers 503 with the check DOWN. */
    @Test
    void shall_not_be_ready_while_the_print_senders_are_dead() throws Exception {
        PrintQueue real = ClientProxy.unwrap(queue);
        Field senders = PrintQueue.class.getDeclaredField("senders");
        senders.setAccessible(true);
        ExecutorService alive = (ExecutorService) senders.get(real);
        ExecutorService dead = Executors.newSingleThreadExecutor();
        dead.shutdownNow();
        senders.set(real, dead);
        try {
            JsonPath health = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            String check = "checks.find { it.name == '" + DeviceWorkersReadiness.NAME + "' }";
            assertEquals("DOWN", health.getString(check + ".status"));
            assertEquals("dead", health.getString(check + ".data.printSenders"));
        } finally {
            senders.set(real, alive);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shall_judge_workers_up_only_while_each_is_alive_and_recent() {
        var live = new PrintQueue.Workers(true, true, 0, Duration.ofSeconds(1));
        var reconciling = new DeviceRuntime.Loop(true, 2, Duration.ofSeconds(5));
        assertEquals(HealthCheckResponse.Status.UP, judge(live, reconciling));
        assertEquals(HealthCheckResponse.Status.DOWN, judge(new PrintQueue.Workers(false, true, 0, Duration.ofSeconds(1)), reconciling), "sender pool shut down");
        assertEquals(HealthCheckResponse.Status.DOWN, judge(new PrintQueue.Workers(true, false, 0, Duration.ofSeconds(1)), reconciling), "waker shut down");
        assertEquals(HealthCheckResponse.Status.DOWN, judge(new PrintQueue.Workers(true, true, 4, Duration.ofMinutes(2)), reconciling), "no round for two minutes: stuck");
        assertEquals(HealthCheckResponse.Status.DOWN, judge(live, new DeviceRuntime.Loop(true, 2, Duration.ofMinutes(5))), "reconcile stuck");
        assertEquals(HealthCheckResponse.Status.UP, judge(live, new DeviceRuntime.Loop(false, 0, Duration.ofHours(1))), "no serial devices here: no loop to need");
        var data = DeviceWorkersReadiness.judge(live, reconciling, FLOOR, STALE).getData().orElseThrow();
        assertEquals(3L, data.get("devicesOnline"));
        assertEquals(1L, data.get("devicesOffline"));
        assertEquals(4L, data.get("jobsQueued"));
    }

    static HealthCheckResponse.Status judge(PrintQueue.Workers print, DeviceRuntime.Loop loop) {
        return DeviceWorkersReadiness.judge(print, loop, FLOOR, STALE).getStatus();
    }
}
