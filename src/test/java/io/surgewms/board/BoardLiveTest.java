package io.surgewms.board;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.Pick;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The board is pushed, not polled: a page holding the event stream sees each scan's effect without
 * asking, and also a change written straight to the database (as another instance would).
 */
@QuarkusTest
class BoardLiveTest {

    static int picked(JsonPath b, long wave) {
        List<Map<String, Object>> waves = b.getList("waves");
        return waves.stream().filter(w -> ((Number) w.get("id")).longValue() == wave)
                .mapToInt(w -> (Integer) w.get("picked")).findFirst().orElse(-1);
    }

    @Test
    void shall_push_each_scan_to_the_open_board() throws Exception {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "402300000001");
        String bin = f.bin("PICK_FACE", 1);
        f.tote(1);
        f.receive("A", bin, 5);
        given().contentType(io.restassured.http.ContentType.JSON).body(f.order("live-1", "A", 3)).post("/api/orders").then().statusCode(201);
        long wave = Pick.plan(f);
        long task = Pick.claim(f, "lena").getLong("id");

        try (BoardStream board = new BoardStream(RestAssured.port, f.shop)) {
            board.await(b -> picked(b, wave) == 0, Duration.ofSeconds(5), "the new wave, nothing picked");
            Pick.scan("lena", task, bin);
            for (int n = 1; n <= 3; n++) {
                long sent = System.nanoTime();
                assertEquals("ACCEPTED", Pick.scan("lena", task, gtin).getString("result"));
                int want = n;
                board.await(b -> picked(b, wave) == want, Duration.ofSeconds(3), want + " picked");
                System.out.printf("board: scan %d on the board %.0f ms after it was sent%n", n, (System.nanoTime() - sent) / 1e6);
            }

            // A change that bypasses this instance's code entirely: a device goes offline in the database.
            String device = "LIVE-" + f.zone;
            given().contentType(io.restassured.http.ContentType.JSON)
                    .body(Map.of("kind", "scanner", "connection", "KEYBOARD", "picker", "lena")).put("/api/devices/" + device).then().statusCode(201);
            board.drain();
            Floor.sql("insert into device_status (name, state, last_error) values (?, 'OFFLINE', 'unplugged') "
                    + "on conflict (name) do update set state = 'OFFLINE', last_error = 'unplugged'", device);
            JsonPath b = board.await(x -> "OFFLINE".equals(state(x, device)), Duration.ofSeconds(3), device + " offline");
            assertEquals("unplugged", b.getString("devices.find { it.name == '" + device + "' }.lastError"));
            given().delete("/api/devices/" + device).then().statusCode(204);
        }
    }

    static String state(JsonPath b, String device) {
        return b.getString("devices.find { it.name == '" + device + "' }.state");
    }
}
