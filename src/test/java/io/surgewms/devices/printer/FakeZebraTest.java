package io.surgewms.devices.printer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake itself, so other tests can lean on it. */
@Timeout(60)
class FakeZebraTest {

    @Test
    void shall_split_labels_cut_across_reads_and_answer_status_in_order() throws Exception {
        try (FakeZebra zebra = FakeZebra.start(); Socket s = new Socket(zebra.host(), zebra.port())) {
            byte[] job = "junk^XA^FDone^FS^XZ\r\n~HS^XA^FDtwo^FS^XZ".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = s.getOutputStream();
            for (byte b : job) { // one byte per write, so tokens arrive split
                out.write(b);
                out.flush();
            }
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            byte[] expected = zebra.hostStatusAnswer();
            assertArrayEquals(expected, in.readNBytes(expected.length));
            assertTrue(zebra.awaitLabels(2, Duration.ofSeconds(20)));
            assertArrayEquals("^XA^FDone^FS^XZ".getBytes(StandardCharsets.US_ASCII), zebra.labels().get(0));
            assertArrayEquals("^XA^FDtwo^FS^XZ".getBytes(StandardCharsets.US_ASCII), zebra.labels().get(1));
            assertEquals(1, zebra.statusAnswers());
        }
    }

    @Test
    void shall_answer_the_label_counter_with_the_labels_received_unless_its_firmware_is_older() throws Exception {
        try (FakeZebra zebra = FakeZebra.start(); Socket s = new Socket(zebra.host(), zebra.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write("^XA^FDone^FS^XZ^XA^FDtwo^FS^XZ! U1 getvar \"odometer.total_label_count\"\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("\"2\"", new String(s.getInputStream().readNBytes(3), StandardCharsets.US_ASCII));
            assertEquals(1, zebra.counterAnswers());

            zebra.noCounter();
            out.write("! U1 getvar \"odometer.total_label_count\"\r\n~HS".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] status = zebra.hostStatusAnswer();
            assertArrayEquals(status, s.getInputStream().readNBytes(status.length), "only ~HS is answered");
            assertEquals(1, zebra.counterAnswers());
        }
    }

    @Test
    void shall_refuse_connections_when_down_or_closed_and_reopen_the_same_port() throws Exception {
        FakeZebra zebra = FakeZebra.start();
        int port = zebra.port();
        Socket open = new Socket(zebra.host(), port);
        while (zebra.connectionsAccepted() == 0) Thread.sleep(10);
        zebra.down();
        open.setSoTimeout(20_000);
        assertTrue(cut(open), "a printer switched off cuts its connections");
        open.close();
        int accepted = zebra.connectionsAccepted();
        assertTrue(notServed(zebra.host(), port), "a printer that is off takes no connection");
        assertEquals(accepted, zebra.connectionsAccepted(), "nothing accepted while off");
        zebra.up();
        assertEquals(port, zebra.port());
        new Socket(zebra.host(), port).close();
        zebra.close();
        assertTrue(notServed(zebra.host(), port), "a closed printer takes no connection");
    }

    @Test
    void shall_refuse_the_first_connection_after_down_every_time() throws Exception {
        // The JDK defers closing a listener until its blocked accept() returns; down() must wait for that, or a connect
        // right after it is still taken (and then cut), as TcpPrinterTest once saw in CI.
        FakeZebra zebra = FakeZebra.start();
        try {
            for (int i = 0; i < 300; i++) {
                zebra.up();
                zebra.down();
                try (Socket s = new Socket()) {
                    s.connect(new java.net.InetSocketAddress(zebra.host(), zebra.port()), 2000);
                    throw new AssertionError("round " + i + ": a connection was taken while the printer was down");
                } catch (ConnectException refused) {
                    // as a printer that is off
                }
            }
        } finally {
            zebra.close();
        }
    }

    /**
     * Refused, as a printer that is off is. (On a busy machine the freed loopback port can be handed out again
     * before the connect, e.g. as the kernel's own ephemeral port; then nothing of ours answers: the
     * connection is cut or stays silent, and no label could go anywhere.)
     */
    private static boolean notServed(String host, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 2000);
            s.setSoTimeout(1000);
            try {
                return s.getInputStream().read() == -1;
            } catch (java.net.SocketTimeoutException silent) {
                return true;
            } catch (java.net.SocketException reset) {
                return true;
            }
        } catch (ConnectException refused) {
            return true;
        }
    }

    /** End of stream or reset: either way the connection is gone. */
    private static boolean cut(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
