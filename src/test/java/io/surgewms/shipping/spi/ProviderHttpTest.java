package io.surgewms.shipping.spi;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider-facing part of ProviderHttp: error bodies read by the provider, statuses let through. */
class ProviderHttpTest {

    private HttpServer server;
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/things"))
                .timeout(Duration.ofSeconds(5)).GET().build();
    }

    private static ProviderHttp.Refusal reader(int status, byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        if (!s.startsWith("{")) throw new IllegalArgumentException("not JSON");
        return new ProviderHttp.Refusal("read: " + s, s.contains("address"));
    }

    @Test
    void shall_word_a_refusal_as_the_provider_reads_it_and_make_an_address_refusal_an_address_problem() {
        status = 422;
        body = "{\"error\":\"address not found\"}";

        CarrierException e = assertThrows(CarrierException.class, () -> ProviderHttp.send("fake", request(), ProviderHttpTest::reader));

        assertEquals(CarrierException.Kind.ADDRESS, e.kind());
        assertTrue(e.getMessage().endsWith("HTTP 422 read: {\"error\":\"address not found\"}"), e.getMessage());
    }

    @Test
    void shall_quote_a_body_the_provider_cannot_read() {
        status = 502;
        body = "<html><body>Bad gateway</body></html>";

        CarrierException e = assertThrows(CarrierException.class, () -> ProviderHttp.send("fake", request(), ProviderHttpTest::reader));

        assertEquals(CarrierException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("Bad gateway"), e.getMessage());
    }

    @Test
    void shall_keep_a_server_error_retryable_whatever_the_provider_says_about_it() {
        status = 503;
        body = "{\"error\":\"address service down\"}";

        CarrierException e = assertThrows(CarrierException.class, () -> ProviderHttp.send("fake", request(), ProviderHttpTest::reader));

        assertEquals(CarrierException.Kind.UNAVAILABLE, e.kind());
    }

    @Test
    void shall_hand_back_a_status_the_caller_asked_to_see() throws Exception {
        status = 409;
        body = "{\"data\":{\"id\":\"s-1\"}}";

        var res = ProviderHttp.send("fake", request(), ProviderHttpTest::reader, 409);

        assertEquals(409, res.statusCode());
        assertEquals(body, new String(res.body(), StandardCharsets.UTF_8));
        assertEquals(CarrierException.Kind.REJECTED,
                assertThrows(CarrierException.class, () -> ProviderHttp.send("fake", request())).kind());
    }
}
