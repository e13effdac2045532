package io.surgewms.board;

import io.restassured.path.json.JsonPath;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A board page's view of the floor: the board's Server-Sent Events, read as a browser would. */
final class BoardStream implements AutoCloseable {

    private final BlockingQueue<JsonPath> boards = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;

    BoardStream(int port, String shop) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/board/events?shop=" + shop))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + io.surgewms.testsupport.SignedIn.ADMIN_KEY).build();
        HttpResponse<InputStream> res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() != 200) throw new AssertionError("board events answered " + res.statusCode());
        body = res.body();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; )
                    if (line.startsWith("data:")) boards.add(new JsonPath(line.substring(5).trim()));
            } catch (Exception closed) {
                // the test closed the stream
            }
        }, "board-stream-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** The first board pushed from now on that satisfies {@code test}, or an error after {@code within}. */
    JsonPath await(Predicate<JsonPath> test, Duration within, String what) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        JsonPath last = null;
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            JsonPath b = boards.poll(left, TimeUnit.NANOSECONDS);
            if (b == null) break;
            last = b;
            if (test.test(b)) return b;
        }
        throw new AssertionError("no board showed " + what + " within " + within + "; last board: "
                + (last == null ? "none" : last.prettify()));
    }

    void drain() {
        boards.clear();
    }

    @Override
    public void close() throws Exception {
        body.close();
        reader.interrupt();
    }
}
