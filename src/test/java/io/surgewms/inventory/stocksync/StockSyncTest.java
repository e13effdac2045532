package io.surgewms.inventory.stocksync;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channels hear of a SKU's available-to-promise less its safety buffer: one event per mapping, debounced to the latest value. */
@QuarkusTest
class StockSyncTest {

    @Inject StockSync sync;

    @Test
    void shall_queue_one_stock_level_per_mapping_with_atp_less_the_buffer_after_a_receipt() {
        Floor f = new Floor().sku("CAP");
        String face = f.bin("PICK_FACE", 1), reserve = f.bin("RESERVE", 2);
        long tt = account(f, "tiktok");
        map(tt, "tt-cap", f, "CAP", 3);
        map(tt, "tt-cap-bundle", f, "CAP", 0);
        f.receive("CAP", face, 12);
        f.receive("CAP", reserve, 8);
        drain();

        assertEquals(2, events(tt), "one event per mapping");
        JsonPath e = latest(tt, "tt-cap");
        assertEquals(17, e.getInt("quantity"), "20 on sellable bins, 3 held back");
        assertEquals(20, e.getInt("atp"));
        assertEquals("CAP", e.getString("sku"));
        assertEquals(productId(f, "CAP"), e.getLong("productId"));
        assertEquals(20, latest(tt, "tt-cap-bundle").getInt("quantity"));
        assertEquals(tt + ":" + productId(f, "CAP"), f.text("select key from outbox where account_id = ? and payload ->> 'channelSku' = 'tt-cap'", tt));

        drain();
        assertEquals(2, events(tt), "nothing changed: nothing more to say");
        given().get("/api/channels/stock?shop=" + f.shop).then().statusCode(200);
        List<Map<String, Object>> view = given().get("/api/channels/stock?shop=" + f.shop).jsonPath().getList("");
        Map<String, Object> cap = view.stream().filter(v -> v.get("channelSku").equals("tt-cap")).findFirst().orElseThrow();
        assertEquals(20, cap.get("atp"));
        assertEquals(3, cap.get("buffer"));
        assertEquals(17, cap.get("quantity"));
        assertEquals(17, cap.get("queued"));
        assertEquals(true, cap.get("inFlight"));
    }

    @Test
    void shall_keep_one_unsent_event_holding_the_latest_level_through_a_burst_of_orders() throws Exception {
        Floor f = new Floor().sku("VIRAL");
        String face = f.bin("PICK_FACE", 1);
        long tt = account(f, "tiktok");
        map(tt, "tt-viral", f, "VIRAL", 5);
        f.receive("VIRAL", face, 100);
        drain();
        assertEquals(95, latest(tt, "tt-viral").getInt("quantity"));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "burst-" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return given().contentType(ContentType.JSON).body(f.order(id, "VIRAL", 1)).post("/api/orders").statusCode();
            }));
        }
        // the worker keeps running while orders land
        Future<?> worker = pool.submit(() -> { go.await(); for (int i = 0; i < 5; i++) { sync.runOnce(); Thread.sleep(20); } return null; });
        go.countDown();
        for (Future<Integer> a : answers) assertEquals(201, a.get(60, TimeUnit.SECONDS));
        worker.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        drain();

        assertEquals(50, f.allocated("VIRAL"));
        assertEquals(1, events(tt), "never a second event while the first is unsent");
        assertEquals(1, unsent(tt));
        assertEquals(45, latest(tt, "tt-viral").getInt("quantity"), "the latest value: 100 - 50 allocated - 5 buffer");
        assertEquals(50, latest(tt, "tt-viral").getInt("atp"));
        assertTrue(f.count("select rewrites from channel_stock where account_id = ?", tt) >= 1, "the unsent row was rewritten");

        // sent: the next change is a new event
        Floor.sql("update outbox set sent_at = now() where account_id = ? and topic = 'stock.level'", tt);
        given().contentType(ContentType.JSON).body(f.order("after-sent", "VIRAL", 2)).post("/api/orders").then().statusCode(201);
        drain();
        assertEquals(2, events(tt));
        assertEquals(1, unsent(tt));
        assertEquals(43, latest(tt, "tt-viral").getInt("quantity"));
        Map<String, Object> v = given().get("/api/channels/stock?shop=" + f.shop + "&sku=VIRAL").jsonPath().getMap("[0]");
        assertEquals(45, v.get("sent"));
        assertEquals(43, v.get("queued"));
        assertEquals(true, v.get("inFlight"));

        // sent again and nothing changed: no event
        Floor.sql("update outbox set sent_at = now() where account_id = ? and topic = 'stock.level'", tt);
        drain();
        assertEquals(2, events(tt));
    }

    @Test
    void shall_say_nothing_for_a_sku_without_a_mapping() {
        Floor f = new Floor().sku("PLAIN").sku("MAPPED");
        String face = f.bin("PICK_FACE", 1);
        long tt = account(f, "tiktok");
        map(tt, "tt-mapped", f, "MAPPED", 0);
        drain();
        long before = events(tt);
        f.receive("PLAIN", face, 10);
        drain();
        assertEquals(before, events(tt));
        assertEquals(0, f.count("select count(*) from outbox where topic = 'stock.level' and payload ->> 'productId' = ?",
                String.valueOf(productId(f, "PLAIN"))));
    }

    @Test
    void shall_send_zero_when_the_buffer_is_larger_than_atp_and_requeue_when_the_buffer_changes() {
        Floor f = new Floor().sku("LAST");
        String face = f.bin("PICK_FACE", 1);
        long tt = account(f, "tiktok");
        String acc = f.text("select account from channel_account where id = ?", tt);
        map(tt, "tt-last", f, "LAST", 10);
        f.receive("LAST", face, 4);
        drain();
        assertEquals(1, events(tt));
        assertEquals(0, latest(tt, "tt-last").getInt("quantity"), "4 on the shelf, 10 held back: the channel sees 0, never less");
        Map<String, Object> v = given().get("/api/channels/stock?shop=" + f.shop).jsonPath().getMap("[0]");
        assertEquals(4, v.get("atp"));
        assertEquals(0, v.get("quantity"));

        Floor.sql("update outbox set sent_at = now() where account_id = ?", tt);
        given().contentType(ContentType.JSON).body(Map.of("account", acc, "sku", "LAST", "buffer", 1))
                .put("/api/channels/stock/buffer").then().statusCode(200);
        drain();
        assertEquals(2, events(tt));
        assertEquals(3, latest(tt, "tt-last").getInt("quantity"));
        given().contentType(ContentType.JSON).body(Map.of("account", acc, "channelSku", "nope", "buffer", 1))
                .put("/api/channels/stock/buffer").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("account", acc, "sku", "LAST", "buffer", -1))
                .put("/api/channels/stock/buffer").then().statusCode(400);
    }

    @Test
    void shall_queue_one_event_per_account_on_tiktok_and_shopify() {
        Floor f = new Floor().sku("TWIN");
        String face = f.bin("PICK_FACE", 1);
        long tt = account(f, "tiktok"), sh = account(f, "shopify");
        map(tt, "tt-twin", f, "TWIN", 2);
        map(sh, "gid://shopify/ProductVariant/" + sh, f, "TWIN", 0);
        f.receive("TWIN", face, 30);
        drain();
        assertEquals(1, events(tt));
        assertEquals(1, events(sh));
        assertEquals(28, latest(tt, "tt-twin").getInt("quantity"));
        assertEquals(30, latest(sh, "gid://shopify/ProductVariant/" + sh).getInt("quantity"));
    }

    @Test
    void shall_keep_one_event_with_the_latest_value_through_batches_of_2000_orders() {
        Floor f = new Floor().sku("HOT");
        String face = f.bin("PICK_FACE", 1);
        long tt = account(f, "tiktok");
        map(tt, "tt-hot", f, "HOT", 10);
        f.receive("HOT", face, 8000);
        drain();

        batch(f, "warm");
        drain();
        assertEquals(2000, f.allocated("HOT"));
        assertEquals(1, unsent(tt));
        assertEquals(5990, latest(tt, "tt-hot").getInt("quantity"), "8000 - 2000 allocated - 10 buffer");

        // A second batch while that event is still unsent: still one event, now holding the latest value.
        batch(f, "again");
        drain();
        assertEquals(4000, f.allocated("HOT"));
        assertEquals(1, unsent(tt));
        assertEquals(3990, latest(tt, "tt-hot").getInt("quantity"), "8000 - 4000 allocated - 10 buffer");
    }

    private void batch(Floor f, String tag) {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 2000; i++) orders.add(f.order(tag + "-" + i, "HOT", 1));
        given().contentType(ContentType.JSON).body(Map.of("orders", orders)).post("/api/orders/batch")
                .then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(2000));
    }

    @Test
    void shall_push_a_bundle_listing_the_fewest_whole_bundles_its_components_make_when_one_component_moves() {
        Floor f = new Floor().sku("LID").sku("JAR");
        String face = f.bin("PICK_FACE", 1);
        f.receive("LID", face, 7);
        f.receive("JAR", face, 10);
        f.bundle("JAR-SET", "LID", 2, "JAR", 1);
        long tt = account(f, "tiktok");
        map(tt, "tt-jar-set", f, "JAR-SET", 0);
        map(tt, "tt-lid", f, "LID", 0);
        drain();
        assertEquals(3, latest(tt, "tt-jar-set").getInt("quantity"), "min(floor(7 / 2), floor(10 / 1))");
        assertEquals(productId(f, "JAR-SET"), latest(tt, "tt-jar-set").getLong("productId"));

        // only the lids move: the set's listing follows
        f.receive("LID", face, 5);
        drain();
        assertEquals(6, latest(tt, "tt-jar-set").getInt("quantity"), "min(floor(12 / 2), floor(10 / 1))");
        given().contentType(ContentType.JSON).body(f.order("jar-1", "JAR", 5)).post("/api/orders").then().statusCode(201);
        drain();
        assertEquals(5, latest(tt, "tt-jar-set").getInt("quantity"), "5 jars left, each set takes one");
        assertEquals(12, latest(tt, "tt-lid").getInt("quantity"), "the lid's own listing is unchanged");

        Map<String, Object> set = given().get("/api/channels/stock?shop=" + f.shop + "&sku=JAR-SET").jsonPath().getMap("[0]");
        assertEquals(5, set.get("atp"));
        given().get("/api/stock/atp/" + f.shop + "/JAR-SET").then().statusCode(200)
                .body("available", org.hamcrest.Matchers.equalTo(5))
                .body("components.sku", org.hamcrest.Matchers.contains("LID", "JAR"))
                .body("components.available", org.hamcrest.Matchers.contains(12, 5));
    }

    // --- helpers: channel rows by SQL, as the channel onboarding would write them

    private static long account(Floor f, String channel) {
        return Long.parseLong(f.text("""
                insert into channel_account (shop_id, channel, account, secret) select id, ?, ?, 'secret' from shop where code = ?
                returning id""", channel, channel + "-" + f.shop + "-" + UUID.randomUUID().toString().substring(0, 4), f.shop));
    }

    /**
     * Runs the sync until no change is left. The scheduled worker runs too (every second) and may hold
     * changes in a transaction not yet committed; their rows stay visible until it commits, so this waits for it.
     */
    private void drain() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        do sync.runOnce(); while (count("select count(*) from stock_change") > 0 && System.nanoTime() < deadline);
    }

    private static void map(long account, String channelSku, Floor f, String sku, int buffer) {
        Floor.sql("""
                insert into channel_sku (account_id, channel_sku, product_id, safety_buffer)
                select ?, ?, p.id, ? from product p join shop s on s.id = p.shop_id where s.code = ? and p.sku = ?""",
                account, channelSku, buffer, f.shop, sku);
    }

    private static long productId(Floor f, String sku) {
        return f.count("select p.id from product p join shop s on s.id = p.shop_id where s.code = ? and p.sku = ?", f.shop, sku);
    }

    private static long events(long account) {
        return count("select count(*) from outbox where account_id = ? and topic = 'stock.level'", account);
    }

    private static long unsent(long account) {
        return count("select count(*) from outbox where account_id = ? and topic = 'stock.level' and sent_at is null", account);
    }

    private static JsonPath latest(long account, String channelSku) {
        String p = text("""
                select payload::text from outbox where account_id = ? and topic = 'stock.level' and payload ->> 'channelSku' = ?
                 order by id desc limit 1""", account, channelSku);
        return new JsonPath(p == null ? "{}" : p);
    }

    private static long count(String sql, Object... args) {
        String v = text(sql, args);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static String text(String sql, Object... args) {
        try (java.sql.Connection c = Floor.connect(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (java.sql.ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getString(1) : null; }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
