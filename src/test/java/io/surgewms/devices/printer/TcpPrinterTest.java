package io.surgewms.devices.printer;

import io.surgewms.devices.printer.Delivery.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against FakeZebra on loopback. Generous timeouts where an answer is expected, short ones where none can come. */
@Timeout(120)
class TcpPrinterTest {

    static final Duration LONG = Duration.ofSeconds(20);
    static final Duration SHORT = Duration.ofSeconds(1);
    static final byte[] LABEL = zpl("^XA^CI28^FO50,50^A0N,40,40^FDPick A-01-02-03 ÄÖ^FS^BY2^FO50,120^BCN,80^FD00106141411234567897^FS^XZ");

    FakeZebra zebra;
    TcpPrinter printer;

    @BeforeEach
    void start() throws IOException {
        zebra = FakeZebra.start();
        printer = zebra.printer().withTimeouts(LONG, LONG, LONG);
    }

    @AfterEach
    void stop() throws InterruptedException {
        zebra.close();
    }

    /** What the kernel has on a local port (ss), for a failure message. */
    static String sockets(int port) {
        try {
            Process p = new ProcessBuilder("ss", "-tanp", "( sport = :" + port + " or dport = :" + port + " )").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.isBlank() ? "none" : out;
        } catch (IOException | InterruptedException e) {
            return "ss failed: " + e;
        }
    }

    static byte[] zpl(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shall_confirm_a_label_the_printer_got_byte_for_byte() {
        Delivery d = printer.send(LABEL);
        assertEquals(Outcome.CONFIRMED, d.outcome(), d.error());
        assertTrue(d.delivered());
        assertTrue(d.status().ready());
        // confirmed means the printer read the whole job before answering, so no waiting here
        assertEquals(1, zebra.labels().size());
        assertArrayEquals(LABEL, zebra.labels().get(0));
    }

    @Test
    void shall_keep_labels_of_one_job_and_of_several_jobs_in_order() {
        byte[] two = zpl("^XA^FDone^FS^XZ\r\n^XA^FDtwo^FS^XZ");
        assertEquals(Outcome.CONFIRMED, printer.send(two).outcome());
        assertEquals(Outcome.CONFIRMED, printer.send(zpl("^XA^FDthree^FS^XZ")).outcome());
        assertEquals(3, zebra.labels().size());
        assertArrayEquals(zpl("^XA^FDone^FS^XZ"), zebra.labels().get(0));
        assertArrayEquals(zpl("^XA^FDtwo^FS^XZ"), zebra.labels().get(1));
        assertArrayEquals(zpl("^XA^FDthree^FS^XZ"), zebra.labels().get(2));
    }

    @Test
    void shall_be_unreachable_while_down_and_confirm_once_up_again() throws Exception {
        zebra.down();
        Delivery d = printer.send(LABEL);
        // Seen once in CI: UNCONFIRMED, as if something else took the connection; say what holds the port if it recurs.
        assertEquals(Outcome.UNREACHABLE, d.outcome(), () -> d.error() + "; sockets on the port: " + sockets(zebra.port()));
        assertTrue(d.safeToRetry());
        assertTrue(d.error().contains(zebra.host() + ":" + zebra.port()), d.error());
        assertTrue(zebra.labels().isEmpty());

        zebra.up();
        Delivery again = printer.send(LABEL);
        assertEquals(Outcome.CONFIRMED, again.outcome(), again.error());
        assertEquals(1, zebra.labels().size());
        assertArrayEquals(LABEL, zebra.labels().get(0));
    }

    @Test
    void shall_end_a_big_job_to_a_printer_that_never_reads() throws Exception {
        zebra.acceptButNeverRead();
        byte[] big = new byte[12 * 1024 * 1024]; // more than the send and receive buffers together
        Arrays.fill(big, (byte) 'A');
        System.arraycopy(LABEL, 0, big, 0, 3);
        Delivery d = printer.withTimeouts(LONG, SHORT, SHORT).send(big);
        assertEquals(Outcome.UNCONFIRMED, d.outcome(), d.error());
        assertFalse(d.delivered());
        assertFalse(d.safeToRetry());
        assertTrue(d.error().contains("took no data"), d.error()); // the write itself stalled and ended
        assertTrue(zebra.labels().isEmpty());
    }

    @Test
    void shall_leave_a_small_job_unconfirmed_when_the_printer_never_reads() throws Exception {
        zebra.acceptButNeverRead();
        Delivery d = printer.withTimeouts(LONG, SHORT, SHORT).send(LABEL);
        assertEquals(Outcome.UNCONFIRMED, d.outcome());
        assertTrue(d.error().contains("~HS"), d.error());
    }

    @Test
    void shall_leave_a_job_unconfirmed_when_the_printer_never_answers_status() throws Exception {
        zebra.noStatus();
        Delivery d = printer.withTimeouts(LONG, LONG, SHORT).send(LABEL);
        assertEquals(Outcome.UNCONFIRMED, d.outcome());
        // the printer did take it: exactly the case a blind resend would print twice
        assertTrue(zebra.awaitLabels(1, LONG));
    }

    @Test
    void shall_count_a_job_to_a_printer_without_status_once_it_closed_its_side() throws Exception {
        zebra.noStatus();
        Delivery d = printer.withoutStatus().send(LABEL);
        assertEquals(Outcome.WRITTEN, d.outcome(), d.error());
        assertTrue(d.delivered());
        assertEquals(1, zebra.labels().size());
        assertArrayEquals(LABEL, zebra.labels().get(0));
        assertEquals(0, zebra.statusAnswers());
    }

    @Test
    void shall_not_count_a_job_without_status_to_a_printer_that_never_reads() throws Exception {
        zebra.acceptButNeverRead();
        Delivery d = printer.withTimeouts(LONG, SHORT, SHORT).withoutStatus().send(LABEL);
        assertEquals(Outcome.UNCONFIRMED, d.outcome());
    }

    @Test
    void shall_confirm_with_the_status_when_the_paper_is_out() {
        zebra.paperOut(true);
        Delivery d = printer.send(LABEL);
        assertEquals(Outcome.CONFIRMED, d.outcome(), d.error());
        assertTrue(d.status().paperOut());
        assertFalse(d.status().ready());
        assertArrayEquals(LABEL, zebra.labels().get(0));
    }

    @Test
    void shall_ask_status_alone() throws Exception {
        zebra.headOpen(true).paused(true);
        PrinterStatus s = printer.status();
        assertTrue(s.headOpen());
        assertTrue(s.paused());
        assertFalse(s.paperOut());
        assertTrue(zebra.labels().isEmpty());
        assertEquals(1, zebra.statusAnswers());
    }

    @Test
    void shall_fail_status_of_a_printer_that_is_down_or_silent() throws Exception {
        zebra.down();
        assertThrows(ConnectException.class, () -> printer.status());
        zebra.noStatus();
        IOException e = assertThrows(IOException.class, () -> printer.withTimeouts(LONG, LONG, SHORT).status());
        assertTrue(e.getMessage().contains("~HS"), e.getMessage());
    }

    @Test
    void shall_read_the_label_counter_as_the_labels_the_printer_took() throws Exception {
        assertEquals(0L, printer.labelCount().printed());
        printer.send(zpl("^XA^FDone^FS^XZ^XA^FDtwo^FS^XZ"));
        LabelCount count = printer.labelCount();
        assertEquals(2L, count.printed());
        assertEquals(2L, count.taken(), "nothing waits in the fake's buffer");
        assertTrue(count.status().ready());
        assertEquals(2, zebra.labels().size(), "asking the counter prints nothing");
    }

    @Test
    void shall_read_no_counter_from_older_firmware_without_waiting_the_status_timeout() throws Exception {
        zebra.noCounter();
        long start = System.nanoTime();
        LabelCount count = printer.labelCount();
        assertEquals(null, count.printed());
        assertEquals(null, count.taken());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0, "a short grace, not the 20 s status timeout");
        assertEquals(1, zebra.statusAnswers());
    }

    @Test
    void shall_fail_the_counter_of_a_printer_that_is_down_or_silent_and_refuse_it_without_status() throws Exception {
        zebra.down();
        assertThrows(ConnectException.class, () -> printer.labelCount());
        zebra.noStatus();
        assertThrows(IOException.class, () -> printer.withTimeouts(LONG, LONG, SHORT).labelCount());
        assertFalse(printer.withoutStatus().counterSupported());
        assertFalse(printer.withoutCounter().counterSupported());
        assertThrows(IllegalStateException.class, () -> printer.withoutCounter().labelCount());
    }

    @Test
    void shall_find_the_counter_before_or_after_the_status_strings() throws Exception {
        String hs = new String(zebra.hostStatusAnswer(), StandardCharsets.ISO_8859_1);
        assertEquals(1234L, LabelCount.parse("\"1234\"" + hs).printed());
        assertEquals(7L, LabelCount.parse(hs + "\"7\"").printed());
        assertEquals(null, LabelCount.parse(hs + "\"?\"").printed(), "an unknown value is no counter");
        assertEquals(null, LabelCount.parse(hs).printed());
    }
}
