package io.surgewms.devices;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.surgewms.devices.print.PrinterWatch;
import io.surgewms.devices.printer.FakeZebra;
import io.surgewms.devices.serial.Pty;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.surgewms.devices.print.Printers.count;
import static io.surgewms.devices.print.Printers.eventually;
import static io.surgewms.devices.print.Printers.label;
import static io.surgewms.devices.print.Printers.queue;
import static io.surgewms.devices.print.Printers.serial;
import static io.surgewms.devices.print.Printers.state;
import static io.surgewms.devices.print.Printers.tcp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The print queue against a fake Zebra on loopback and a socat pty: nothing lost, once, in order, per printer. */
@QuarkusTest
class PrintQueueTest {

    static final Duration LONG = Duration.ofSeconds(60);

    @AfterEach
    void retirePrinters() {
        io.surgewms.devices.print.Printers.retire();
    }

    @Inject PrintQueue queue;
    @Inject PrinterWatch watch;

    static JsonPath jobs(String printer) {
        return given().queryParam("printer", printer).get("/api/print-jobs").then().statusCode(200).extract().jsonPath();
    }

    static void assertLabels(List<byte[]> expected, List<byte[]> got) {
        assertEquals(expected.size(), got.size(), "labels received");
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), got.get(i), "label " + (i + 1) + " in order, byte for byte");
    }

    @Test
    void shall_keep_every_label_while_the_printer_is_off_and_print_each_once_in_order_when_it_is_back() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            zebra.down();
            String p = tcp("ZT", zebra.host(), zebra.port(), true);
            List<byte[]> payloads = queue(p, 5);
            queue.wake();
            assertTrue(eventually(LONG, () -> jobs(p).getInt("[4].attempts") >= 2), "the head job is tried again and again");
            JsonPath waiting = jobs(p);
            assertEquals(List.of("QUEUED", "QUEUED", "QUEUED", "QUEUED", "QUEUED"), waiting.getList("status"));
            assertTrue(waiting.getString("[4].lastError").contains("unreachable"), waiting.getString("[4].lastError"));
            assertEquals(List.of(0, 0, 0, 0), waiting.getList("attempts").subList(0, 4), "later labels wait behind the head, untouched");
            assertTrue(waiting.getString("[4].nextAttempt") != null);
            assertTrue(eventually(LONG, () -> "OFFLINE".equals(state(p))), "the printer shows OFFLINE");

            zebra.up();
            assertTrue(eventually(LONG, () -> watch.poll(p)), "it answers again: the waiting labels' back-off ends");
            assertTrue(zebra.awaitLabels(5, LONG), "all five labels arrive");
            assertTrue(eventually(LONG, () -> jobs(p).getList("status").stream().allMatch("SENT"::equals)));
            queue.drain(10);
            assertLabels(payloads, zebra.labels());
            assertEquals("ONLINE", state(p));
            assertEquals(5, count("select (counters->>'jobsSent')::int from device_status where name = ?", p));
        }
    }

    @Test
    void shall_hold_a_label_the_printer_never_read_and_send_it_once_the_printer_reads_again() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            zebra.acceptButNeverRead();
            String p = tcp("ZH", zebra.host(), zebra.port(), true);
            long id = queue(p, label(p, 1));
            queue.wake();
            assertTrue(eventually(LONG, () -> given().get("/api/print-jobs/" + id).jsonPath().getInt("attempts") >= 1));
            JsonPath job = given().get("/api/print-jobs/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals("QUEUED", job.getString("status"));
            assertEquals("UNCONFIRMED", job.getString("lastOutcome"));
            assertTrue(job.getString("lastError").startsWith("unconfirmed"), job.getString("lastError"));

            zebra.up();
            Floor.sql("update print_job set next_attempt = now() where id = ?", id); // skip the back-off wait
            assertTrue(eventually(LONG, () -> "SENT".equals(given().get("/api/print-jobs/" + id).jsonPath().getString("status"))));
            assertLabels(List.of(label(p, 1)), zebra.labels());
        }
    }

    @Test
    void shall_show_paper_out_on_the_printer_and_still_hand_it_the_label_it_buffers() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            zebra.paperOut(true);
            String p = tcp("ZP", zebra.host(), zebra.port(), true);
            assertTrue(eventually(LONG, () -> watch.poll(p)));
            assertEquals("ERROR", state(p));
            assertEquals(1, count("select count(*) from device_status where name = ? and last_error like '%paper out%'"
                    + " and (detail->>'paperOut')::boolean and jsonb_exists(detail->'problems', 'paper out')", p));
            long id = queue(p, label(p, 1));
            assertTrue(eventually(LONG, () -> count("select count(*) from print_job where id = ? and status = 'SENT'", id) == 1));
            zebra.paperOut(false);
            assertTrue(eventually(LONG, () -> watch.poll(p) && "ONLINE".equals(state(p))));
            assertEquals(0, count("select count(*) from device_status where name = ? and last_error is not null", p));
        }
    }

    @Test
    void shall_reprint_a_label_as_a_new_job_and_keep_both_in_the_history() throws Exception {
        try (FakeZebra zebra = FakeZebra.start(); FakeZebra other = FakeZebra.start()) {
            String p = tcp("ZR", zebra.host(), zebra.port(), true), q = tcp("ZQ", other.host(), other.port(), true);
            long id = queue(p, label(p, 1));
            assertTrue(zebra.awaitLabels(1, LONG));
            long copy = given().post("/api/print-jobs/" + id + "/reprint").then().statusCode(200).extract().jsonPath().getLong("id");
            assertTrue(copy > id);
            assertTrue(zebra.awaitLabels(2, LONG), "a second copy arrives");
            assertLabels(List.of(label(p, 1), label(p, 1)), zebra.labels());
            assertTrue(eventually(LONG, () -> jobs(p).getList("status").equals(List.of("SENT", "SENT"))));
            assertEquals(id, jobs(p).getLong("[0].reprintOf"));

            given().contentType("application/json").body("{\"printer\":\"" + q + "\"}").post("/api/print-jobs/" + id + "/reprint")
                    .then().statusCode(200);
            assertTrue(other.awaitLabels(1, LONG), "a copy on the printer given");
            assertLabels(List.of(label(p, 1)), other.labels());
            assertEquals(2, zebra.labels().size());

            given().post("/api/print-jobs/987654321/reprint").then().statusCode(404).contentType("application/problem+json");
            given().contentType("application/json").body("{\"printer\":\"NO-SUCH-PRINTER\"}").post("/api/print-jobs/" + id + "/reprint")
                    .then().statusCode(404);
            given().post("/api/print-jobs/" + id + "/retry").then().statusCode(409);
            given().get("/api/print-jobs?status=LOST").then().statusCode(400);
            given().post("/api/shipments/987654321/reprint").then().statusCode(404);
        }
    }

    @Test
    void shall_give_a_held_label_a_printer_on_retry() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            String p = tcp("ZD", zebra.host(), zebra.port(), true);
            long id = count("insert into print_job (station, format, payload, status) values ('TEST', 'ZPL', ?, 'HELD') returning id", label(p, 7));
            given().post("/api/print-jobs/" + id + "/retry").then().statusCode(409);
            given().contentType("application/json").body("{\"printer\":\"" + p + "\"}").post("/api/print-jobs/" + id + "/retry")
                    .then().statusCode(200);
            assertTrue(zebra.awaitLabels(1, LONG));
            assertLabels(List.of(label(p, 7)), zebra.labels());
        }
    }

    @Test
    void shall_send_a_serial_printer_its_label_byte_for_byte() throws Exception {
        try (Pty pty = new Pty()) {
            pty.listen();
            String p = serial("SP", pty.device());
            byte[] payload = label(p, 1);
            long id = queue(p, payload);
            byte[] got = pty.awaitReceived(payload.length, LONG);
            assertArrayEquals(payload, got);
            assertTrue(eventually(LONG, () -> count("select count(*) from print_job where id = ? and status = 'SENT'", id) == 1));
        }
    }

    @Test
    void shall_not_let_a_dead_printer_hold_back_another() throws Exception {
        try (FakeZebra dead = FakeZebra.start(); FakeZebra alive = FakeZebra.start()) {
            dead.acceptButNeverRead(); // the slowest way to fail: every send waits for its timeouts
            String d = tcp("ZX", dead.host(), dead.port(), true), a = tcp("ZA", alive.host(), alive.port(), true);
            queue(d, label(d, 1));
            List<byte[]> sent = List.of(label(a, 1), label(a, 2), label(a, 3));
            for (byte[] b : sent) queue(a, b);
            assertTrue(alive.awaitLabels(3, LONG));
            assertLabels(sent, alive.labels());
            assertEquals(List.of("QUEUED"), jobs(d).getList("status"));
        }
    }


    @Test
    void shall_leave_a_printer_to_the_instance_that_serves_it() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            String p = tcp("ZI", zebra.host(), zebra.port(), true);
            try (var other = Floor.connect()) { // another instance, busy with this printer
                other.setAutoCommit(false);
                try (var ps = other.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                    ps.setInt(1, PrintQueue.LOCK_SPACE);
                    ps.setString(2, "device:" + p);
                    ps.execute();
                }
                long id = queue(p, label(p, 1));
                queue.drain(10);
                assertEquals(0, zebra.labels().size(), "not sent while another instance holds the printer");
                assertEquals(0, count("select attempts from print_job where id = ?", id));
                other.commit();
            }
            assertTrue(zebra.awaitLabels(1, LONG), "sent once the printer is free");
            assertLabels(List.of(label(p, 1)), zebra.labels());
        }
    }
}
