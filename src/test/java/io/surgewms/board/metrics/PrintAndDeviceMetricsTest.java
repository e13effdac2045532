package io.surgewms.board.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.devices.DeviceGauges;
import io.surgewms.devices.PrintQueue;
import io.surgewms.devices.print.Printers;
import io.surgewms.devices.print.PrinterWatch;
import io.surgewms.devices.printer.FakeZebra;
import io.surgewms.packing.OutboxGauge;
import io.surgewms.picking.PickTaskGauges;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.devices.print.Printers.count;
import static io.surgewms.devices.print.Printers.eventually;
import static io.surgewms.devices.print.Printers.label;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queue depths, print outcomes and device states, read from the gauges' snapshot (refreshed here on demand). */
@QuarkusTest
class PrintAndDeviceMetricsTest {

    static final Duration LONG = Duration.ofSeconds(60);
    static final String DEPTH = "surge_print_queue_depth", JOBS = "surge_print_jobs_total";

    @Inject DeviceGauges devices;
    @Inject PickTaskGauges pickTasks;
    @Inject OutboxGauge outbox;
    @Inject PrintQueue queue;
    @Inject PrinterWatch watch;

    @AfterEach
    void retirePrinters() {
        Printers.retire();
    }

    static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    @Test
    void shall_show_labels_waiting_for_a_printer_that_is_off_and_count_them_sent_once_it_is_back() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            zebra.down();
            String p = Printers.tcp("MZ", zebra.host(), zebra.port(), true);
            Scrape before = Scrape.now();
            Printers.queue(p, 2);
            queue.wake();
            assertTrue(eventually(LONG, () -> count("select max(attempts) from print_job where printer = ?", p) >= 1), "a send was tried");

            DeviceGauges.Snapshot seen = devices.refresh();
            Scrape off = Scrape.now();
            assertEquals(2, off.value(DEPTH, "printer", p, "status", "queued"), "both labels wait for the printer");
            assertEquals(0, off.value(DEPTH, "printer", p, "status", "held"));
            assertEquals(0, off.value("surge_device_online", "device", p, "kind", "printer"));
            assertTrue(seen.jobsQueued() >= 2);
            assertTrue(delta(before, off, JOBS, "outcome", "failed") >= 1, "the failed attempt is counted");
            assertEquals(0, delta(before, off, JOBS, "outcome", "sent"));

            zebra.up();
            assertTrue(eventually(LONG, () -> watch.poll(p)), "the printer answers again");
            assertTrue(zebra.awaitLabels(2, LONG));
            assertTrue(eventually(LONG, () -> count("select count(*) from print_job where printer = ? and status = 'SENT'", p) == 2));
            devices.refresh();
            Scrape back = Scrape.now();
            assertEquals(2, delta(before, back, JOBS, "outcome", "sent"));
            assertEquals(0, back.value(DEPTH, "printer", p, "status", "queued"));
            assertEquals(1, back.value("surge_device_online", "device", p, "kind", "printer"));
        }
    }

    @Test
    void shall_count_held_retried_and_reprinted_labels() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            String p = Printers.tcp("MH", zebra.host(), zebra.port(), true);
            Scrape before = Scrape.now();
            long id = count("insert into print_job (station, format, payload, status) values ('TEST', 'ZPL', ?, 'QUEUED') returning id", label(p, 1));
            queue.wake();
            assertTrue(eventually(LONG, () -> count("select count(*) from print_job where id = ? and status = 'HELD'", id) == 1), "no printer: held");
            devices.refresh();
            Scrape held = Scrape.now();
            assertEquals(1, delta(before, held, JOBS, "outcome", "held"));
            assertTrue(held.value(DEPTH, "printer", "none", "status", "held") >= 1);

            given().contentType(ContentType.JSON).body(Map.of("printer", p)).post("/api/print-jobs/" + id + "/retry").then().statusCode(200);
            assertTrue(zebra.awaitLabels(1, LONG));
            given().post("/api/print-jobs/" + id + "/reprint").then().statusCode(200);
            assertTrue(zebra.awaitLabels(2, LONG));
            Scrape after = Scrape.now();
            assertEquals(1, delta(before, after, JOBS, "outcome", "retried"));
            assertEquals(1, delta(before, after, JOBS, "outcome", "reprinted"));
        }
    }

    @Test
    void shall_show_a_registered_device_by_kind_and_state() {
        String name = "MSCAN-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Scrape before = Scrape.now();
        // A keyboard-wedge scanner: registered, never opened by this service, so its state stays UNKNOWN
        given().contentType(ContentType.JSON).body(Map.of("kind", "SCANNER", "connection", "KEYBOARD"))
                .put("/api/devices/" + name).then().statusCode(201);
        try {
            devices.refresh();
            Scrape after = Scrape.now();
            assertEquals(1, after.value("surge_devices", "kind", "scanner", "state", "unknown")
                    - before.valueOrZero("surge_devices", "kind", "scanner", "state", "unknown"));
            assertEquals(0, after.value("surge_device_online", "device", name, "kind", "scanner"));
            assertTrue(after.has("surge_devices", "kind", "scale", "state", "online"), "every kind and state is there, zeros too");
        } finally {
            given().delete("/api/devices/" + name).then().statusCode(204);
        }
        devices.refresh();
        assertTrue(!Scrape.now().has("surge_device_online", "device", name), "a removed device leaves the gauge");
    }

    @Test
    void shall_count_open_pick_tasks_by_status_and_unsent_outbox_events() {
        Floor f = new Floor().sku("T1");
        f.receive("T1", f.bin("PICK_FACE", 1), 10);
        f.tote(1);
        given().contentType(ContentType.JSON).body(f.order("task-met-1", "T1", 1)).post("/api/orders").then().statusCode(201);
        pickTasks.refresh();
        outbox.refresh();
        Scrape before = Scrape.now();
        plan(f);
        pickTasks.refresh();
        Scrape planned = Scrape.now();
        assertEquals(1, delta(before, planned, "surge_pick_tasks", "status", "open"), "the wave made one task");
        claim(f, "met-" + f.zone.toLowerCase());
        pickTasks.refresh();
        Scrape claimed = Scrape.now();
        assertEquals(-1, delta(planned, claimed, "surge_pick_tasks", "status", "open"));
        assertEquals(1, delta(planned, claimed, "surge_pick_tasks", "status", "claimed"));

        Floor.sql("insert into outbox (topic, key, payload) values ('test', 'met', '{}'::jsonb)");
        outbox.refresh();
        assertEquals(1, delta(before, Scrape.now(), "surge_outbox_unsent"));
        Floor.sql("update outbox set sent_at = now() where topic = 'test' and key = 'met' and sent_at is null");
        outbox.refresh();
    }
}
