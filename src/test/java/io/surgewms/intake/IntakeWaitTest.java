package io.surgewms.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders waiting for their commit hold no worker thread. Under a spike every webhook waits for the intake writer's group
 * commit; when each wait held one of the few workers, the floor's handheld scans queued behind them.
 */
@QuarkusTest
public class IntakeWaitTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject OrderIntake intake;
    @ConfigProperty(name = "quarkus.thread-pool.max-threads") int workers;

    @TestHTTPResource("/api/orders")
    URL orders;

    HttpRequest.Builder call(String path) {
        return HttpRequest.newBuilder(URI.create(orders.toString().replace("/api/orders", path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + SignedIn.ADMIN_KEY);
    }

    /**
     * Sends the requests while a lock blocks every order's commit and checks that they all reach intake (more of them
     * than there are workers), that the floor is answered meanwhile and that none is answered before its commit. The
     * answers, once the lock is gone.
     */
    public static List<HttpResponse<String>> sentWhileCommitBlocked(OrderIntake intake, int workers, HttpClient http, URI floor,
                                                                   List<HttpRequest> requests) throws Exception {
        int n = requests.size();
        List<CompletableFuture<HttpResponse<String>>> posted = new ArrayList<>();
        try (Connection blocker = Floor.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table orders in share row exclusive mode"); // reads go on, inserts wait
            for (HttpRequest r : requests) posted.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
            // The writer took the first group and waits on the lock; the rest queue behind it. Were each wait holding a
            // worker, no more than `workers` orders could ever be inside intake.
            long until = System.nanoTime() + 20_000_000_000L;
            while (intake.queued() < n - workers && System.nanoTime() < until) Thread.sleep(50);
            assertTrue(intake.queued() >= n - workers, intake.queued() + " of " + n + " orders reached intake with " + workers + " workers");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(floor).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + SignedIn.ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(posted.stream().noneMatch(CompletableFuture::isDone), "no order answered before its commit");
            blocker.rollback();
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> p : posted) answers.add(p.get());
        return answers;
    }

    @Test
    void shall_take_more_orders_than_workers_and_answer_the_floor_while_their_commit_is_blocked() throws Exception {
        Floor f = new Floor();
        f.sku("W");
        f.receive("W", f.bin("PICK_FACE", 1), 100);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < workers * 3; i++)
            requests.add(call("/api/orders").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(f.order("wait-" + i, "W", 1)))).build());
        for (HttpResponse<String> a : sentWhileCommitBlocked(intake, workers, http, call("/api/picking/policy").build().uri(), requests))
            assertEquals(201, a.statusCode(), a.body());
        assertEquals(requests.size(), f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop));
    }
}
