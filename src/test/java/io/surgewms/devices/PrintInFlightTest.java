package io.surgewms.devices;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.surgewms.devices.printer.FakeZebra;
import io.surgewms.devices.printer.TcpPrinter;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.surgewms.devices.PrintQueueTest.LONG;
import static io.surgewms.devices.PrintQueueTest.assertLabels;
import static io.surgewms.devices.print.Printers.count;
import static io.surgewms.devices.print.Printers.eventually;
import static io.surgewms.devices.print.Printers.label;
import static io.surgewms.devices.print.Printers.queue;
import static io.surgewms.devices.print.Printers.queueInFlight;
import static io.surgewms.devices.print.Printers.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sender killed between the printer taking a label and the commit: the job is found in flight
 * ({@code sending_since} set, still QUEUED) as the dead instance left it, and is printed exactly once,
 * or HELD for a person when the printer cannot tell.
 */
@QuarkusTest
class PrintInFlightTest {

    @Inject PrintQueue queue;

    @AfterEach
    void retirePrinters() {
        io.surgewms.devices.print.Printers.retire();
    }

    static JsonPath job(long id) {
        return given().get("/api/print-jobs/" + id).then().statusCode(200).extract().jsonPath();
    }

    static boolean status(long id, String status) {
        return status.equals(job(id).getString("status"));
    }

    @Test
    void shall_mark_a_label_the_printer_took_before_the_crash_sent_without_a_second_copy() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            String p = tcp("ZC", zebra.host(), zebra.port(), true);
            TcpPrinter dead = zebra.printer(); // the killed instance: it read the counter, sent, and died before its commit
            long before = dead.labelCount().printed();
            assertTrue(dead.send(label(p, 1)).delivered());
            long id = queueInFlight(p, label(p, 1), before);

            assertTrue(eventually(LONG, () -> status(id, "SENT")), "the counter moved: the label arrived");
            queue.drain(10);
            assertEquals("CONFIRMED_BY_COUNTER", job(id).getString("lastOutcome"));
            assertLabels(List.of(label(p, 1)), zebra.labels());
            assertEquals(0, count("select count(*) from print_job where id = ? and sending_since is not null", id));
        }
    }

    @Test
    void shall_send_once_a_label_that_never_reached_the_printer_before_the_crash() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            String p = tcp("ZN", zebra.host(), zebra.port(), true);
            long id = queueInFlight(p, label(p, 1), zebra.printer().labelCount().printed()); // died before the bytes left
            long next = queue(p, label(p, 2));

            assertTrue(eventually(LONG, () -> status(next, "SENT")));
            queue.drain(10);
            assertEquals("CONFIRMED", job(id).getString("lastOutcome"));
            assertLabels(List.of(label(p, 1), label(p, 2)), zebra.labels());
            assertEquals(1, count("select printer_count_before from print_job where id = ?", next), "each send remembers the count before it");
            assertEquals(0, count("select count(*) from print_job where id in (?, ?) and sending_since is not null", id, next));
        }
    }

    @Test
    void shall_hold_a_label_left_in_flight_on_a_printer_without_a_counter_and_print_it_on_retry() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            zebra.noCounter(); // older firmware: the dead instance could not read a count either
            String p = tcp("ZO", zebra.host(), zebra.port(), true);
            long id = queueInFlight(p, label(p, 1), null);
            long next = queue(p, label(p, 2));

            assertTrue(eventually(LONG, () -> status(id, "HELD")), "not resent blindly");
            JsonPath held = job(id);
            assertEquals("IN_DOUBT", held.getString("lastOutcome"));
            assertTrue(held.getString("lastError").startsWith("in flight when the service stopped; check printer " + p
                    + " and retry or reprint if the label is missing"), held.getString("lastError"));
            assertTrue(eventually(LONG, () -> status(next, "SENT")), "the labels behind it go on");
            assertLabels(List.of(label(p, 2)), zebra.labels());

            given().post("/api/print-jobs/" + id + "/retry").then().statusCode(200);
            assertTrue(eventually(LONG, () -> status(id, "SENT")), "a person's retry prints it");
            assertLabels(List.of(label(p, 2), label(p, 1)), zebra.labels());
        }
    }

    @Test
    void shall_hold_a_label_left_in_flight_when_the_profile_says_the_counter_is_not_to_be_trusted() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            String p = tcp("ZF", zebra.host(), zebra.port(), true);
            Floor.sql("update device set options = options || '{\"counter\": false}' where name = ?", p);
            long id = queueInFlight(p, label(p, 1), 0L);

            assertTrue(eventually(LONG, () -> status(id, "HELD")));
            assertTrue(job(id).getString("lastError").contains("check printer " + p), job(id).getString("lastError"));
            assertEquals(0, zebra.counterAnswers(), "the counter is not asked");
            assertEquals(0, zebra.labels().size());
        }
    }

    @Test
    void shall_keep_a_label_left_in_flight_queued_while_its_printer_is_off_and_decide_when_it_is_back() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            String p = tcp("ZB", zebra.host(), zebra.port(), true);
            long before = zebra.printer().labelCount().printed();
            zebra.down();
            long id = queueInFlight(p, label(p, 1), before);

            assertTrue(eventually(LONG, () -> job(id).getInt("attempts") >= 1));
            JsonPath waiting = job(id);
            assertEquals("QUEUED", waiting.getString("status"), "nothing can be decided while it is off");
            assertTrue(waiting.getString("lastError").contains("unreachable"), waiting.getString("lastError"));
            assertEquals(1, count("select count(*) from print_job where id = ? and sending_since is not null", id), "still in flight");

            zebra.up();
            Floor.sql("update print_job set next_attempt = now() where id = ?", id); // skip the back-off wait
            assertTrue(eventually(LONG, () -> status(id, "SENT")));
            assertLabels(List.of(label(p, 1)), zebra.labels());
        }
    }

    @Test
    void shall_free_a_printer_whose_sender_died_with_it_locked() throws Exception {
        try (FakeZebra zebra = FakeZebra.start()) {
            String p = tcp("ZK", zebra.host(), zebra.port(), true);
            long id;
            try (var dead = Floor.connect()) { // a sender's session holding the printer's lock
                try (var ps = dead.prepareStatement("select pg_advisory_lock(?, hashtext(?))")) {
                    ps.setInt(1, PrintQueue.LOCK_SPACE);
                    ps.setString(2, "device:" + p);
                    ps.execute();
                }
                id = queue(p, label(p, 1));
                queue.drain(10);
                assertEquals(0, zebra.labels().size(), "not sent while the printer is locked");
            } // its session ends, as a killed instance's does
            assertTrue(eventually(LONG, () -> status(id, "SENT")));
            assertNotNull(job(id).getString("sentAt"));
            assertLabels(List.of(label(p, 1)), zebra.labels());
        }
    }
}
