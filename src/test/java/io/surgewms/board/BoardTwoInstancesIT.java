package io.surgewms.board;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.Pick;
import io.surgewms.testsupport.SignedIn;
import io.surgewms.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged service (two JVMs, two ports) on one database show one board: a
 * scan made through one appears on the other's open board within a second or so, both ways, and
 * both compute the same numbers. Runs after packaging (failsafe), against the tests' database.
 */
class BoardTwoInstancesIT {

    static final int A = Integer.parseInt(System.getProperty("surge.it.port.a", "8781"));
    static final int B = Integer.parseInt(System.getProperty("surge.it.port.b", "8782"));
    static final List<Process> instances = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the service first (./mvnw verify does)");
        for (int port : new int[] {A, B}) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-jar", jar.toString());
            pb.environment().putAll(Map.of("SURGE_DB_URL", TestDatabase.URL, "SURGE_HTTP_PORT", String.valueOf(port),
                    "SURGE_DEMO", "false", "SURGE_SERIAL_DEVICES", "false",
                    "SURGE_ADMIN_PASSWORD", SignedIn.ADMIN_PASSWORD, "SURGE_ADMIN_KEY", SignedIn.ADMIN_KEY));
            pb.redirectErrorStream(true).redirectOutput(new File("target/board-it-" + port + ".log"));
            Process p = pb.start();
            instances.add(p);
            awaitReady(p, port); // one at a time: the second finds the schema migrated
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : instances) p.destroy();
        for (Process p : instances) if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        RestAssured.reset();
    }

    static void awaitReady(Process p, int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (!p.isAlive()) throw new AssertionError("instance on port " + port + " stopped; see target/board-it-" + port + ".log");
            Thread.sleep(300);
        }
        throw new AssertionError("instance on port " + port + " not ready in 90 s; see target/board-it-" + port + ".log");
    }

    static int picked(JsonPath b, long wave) {
        return BoardLiveTest.picked(b, wave);
    }

    static JsonPath board(int port, String shop) {
        return given().port(port).queryParam("shop", shop).get("/api/board").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shall_show_one_board_on_two_instances() throws Exception {
        SignedIn.asAdmin();
        RestAssured.port = A;
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "402400000001");
        String bin = f.bin("PICK_FACE", 1);
        f.tote(1);
        f.receive("A", bin, 10);
        given().contentType(ContentType.JSON).body(f.order("two-1", "A", 4)).post("/api/orders").then().statusCode(201);
        long wave = Pick.plan(f);
        long task = Pick.claim(f, "tess").getLong("id");

        try (BoardStream onA = new BoardStream(A, f.shop); BoardStream onB = new BoardStream(B, f.shop)) {
            onB.await(b -> picked(b, wave) == 0, Duration.ofSeconds(5), "the wave on B");
            // Scans through A appear on B's open board.
            RestAssured.port = A;
            Pick.scan("tess", task, bin);
            for (int n = 1; n <= 2; n++) {
                long sent = System.nanoTime();
                assertEquals("ACCEPTED", Pick.scan("tess", task, gtin).getString("result"));
                int want = n;
                onB.await(b -> picked(b, wave) == want, Duration.ofSeconds(3), want + " picked, on B");
                System.out.printf("two instances: scan %d through A on B's board after %.0f ms%n", n, (System.nanoTime() - sent) / 1e6);
            }
            // ... and scans through B on A's.
            RestAssured.port = B;
            for (int n = 3; n <= 4; n++) {
                long sent = System.nanoTime();
                assertEquals("ACCEPTED", Pick.scan("tess", task, gtin).getString("result"));
                int want = n;
                onA.await(b -> picked(b, wave) == want, Duration.ofSeconds(3), want + " picked, on A");
                System.out.printf("two instances: scan %d through B on A's board after %.0f ms%n", n, (System.nanoTime() - sent) / 1e6);
            }
            // An action on B (priority), seen pushed to A.
            given().port(B).contentType(ContentType.JSON).body(Map.of("priority", 3)).post("/api/waves/" + wave + "/priority").then().statusCode(200);
            onA.await(b -> b.getInt("waves.find { it.id == " + wave + " }.priority") == 3, Duration.ofSeconds(3), "priority 3, on A");
        }

        JsonPath a = board(A, f.shop), b = board(B, f.shop);
        for (String same : List.of("backlog", "atRisk.count", "waves.find { it.id == " + wave + " }.picked",
                "pickers.find { it.picker == 'tess' }.taskId", "exceptions.orderExceptions"))
            assertEquals(a.getString(same), b.getString(same), same + " differs between the instances");
        assertEquals(4, a.getInt("waves.find { it.id == " + wave + " }.picked"));
    }
}
