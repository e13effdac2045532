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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void shall_refuse_connections_when_down_or_closed_and_reopen_the_same_port() throws Exception {
        FakeZebra zebra = FakeZebra.start();
        int port = zebra.port();
        Socket open = new Socket(zebra.host(), port);
        while (zebra.connectionsAccepted() == 0) Thread.sleep(10);
        zebra.down();
        open.setSoTimeout(20_000);
        assertTrue(cut(open), "a printer switched off cuts its connections");
        open.close();
        assertThrows(ConnectException.class, () -> new Socket(zebra.host(), port).close());
        zebra.up();
        assertEquals(port, zebra.port());
        new Socket(zebra.host(), port).close();
        zebra.close();
        assertThrows(ConnectException.class, () -> new Socket(zebra.host(), port).close());
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
