package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** JSON calls to the service as the bench admin; {@link #retry} keeps trying while the service is down (a floor session reconnecting). */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    public final URI base;
    public final HttpClient http;
    public final String key;
    public volatile boolean stop;
    public final AtomicLong connectionErrors = new AtomicLong(), serverErrors = new AtomicLong();

    public record Res(int status, JsonNode body) {
        public boolean ok() { return status / 100 == 2; }
        public String text(String field) { JsonNode n = body.path(field); return n.isMissingNode() || n.isNull() ? null : n.asText(); }
    }

    public Api(URI base, String key) {
        this.base = base;
        this.key = key;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Res call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Accept", "application/json");
        if (body == null) b.method(method, HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode n = NullNode.getInstance();
        if (r.body().length > 0) {
            try { n = JSON.readTree(r.body()); } catch (IOException notJson) { /* keep null */ }
        }
        return new Res(r.statusCode(), n);
    }

    /** Retries connection errors and 5xx (the service restarting) until it answers, or the drill stops (null). */
    public Res retry(String method, String path, Object body) throws InterruptedException {
        return retry(method, path, body, null);
    }

    /** As {@link #retry(String, String, Object)}; the call that got the answer is timed into {@code answered} (not the waits). */
    public Res retry(String method, String path, Object body, Latencies answered) throws InterruptedException {
        while (!stop) {
            try {
                long t = System.nanoTime();
                Res r = call(method, path, body);
                if (r.status() < 500 && answered != null) answered.add(System.nanoTime() - t);
                if (r.status() < 500) return r;
                serverErrors.incrementAndGet();
            } catch (IOException e) {
                connectionErrors.incrementAndGet();
            }
            Thread.sleep(300);
        }
        return null;
    }

    public JsonNode must(String method, String path, Object body) throws InterruptedException {
        Res r = retry(method, path, body);
        if (r == null || !r.ok()) throw new IllegalStateException(method + " " + path + " -> " + (r == null ? "stopped" : r.status() + " " + r.body()));
        return r.body();
    }
}
