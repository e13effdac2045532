package io.surgewms.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Invariants 1-3 under concurrency: never oversold, ledger equals stock, one order per identity. */
@QuarkusTest
class IntakeConcurrencyTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/api/orders")
    URL orders;

    @TestHTTPResource("/api/orders/batch")
    URL batch;

    @Test
    void shall_allocate_exactly_the_stock_when_8000_single_orders_race_for_1000_units() throws Exception {
        Floor f = new Floor().sku("VIRAL");
        f.receive("VIRAL", f.bin("PICK_FACE", 1), 600);
        f.receive("VIRAL", f.bin("RESERVE", 2), 400);
        AtomicInteger created = new AtomicInteger(), other = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    int status = post(orders, f.order("race-" + thread + "-" + i, "VIRAL", 1));
                    if (status == 201) created.incrementAndGet(); else other.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> d : done) d.get();
        pool.shutdown();

        assertEquals(8000, created.get(), "every order accepted once");
        assertEquals(0, other.get());
        assertEquals(1000, f.orders("ALLOCATED"));
        assertEquals(7000, f.orders("BACKORDERED"));
        assertEquals(1000, f.allocated("VIRAL"));
        assertEquals(1000, f.onHand("VIRAL"));
        assertConsistent();
    }

    @Test
    void shall_store_one_order_per_identity_when_the_same_batch_arrives_twice_at_once() throws Exception {
        Floor f = new Floor().sku("A").sku("B");
        f.receive("A", f.bin("PICK_FACE", 1), 300);
        f.receive("B", f.bin("PICK_FACE", 2), 300);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) list.add(i % 3 == 0 ? f.order("twice-" + i, "A", 1, "B", 1) : f.order("twice-" + i, "A", 1));
        Map<String, Object> body = Map.of("orders", list);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int k = 0; k < 4; k++) answers.add(pool.submit((Callable<Integer>) () -> post(batch, body)));
        for (Future<Integer> a : answers) assertEquals(200, a.get());
        pool.shutdown();

        assertEquals(1000, f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop));
        assertEquals(1000 + 334, f.count("select count(*) from order_line l join orders o on o.id = l.order_id join shop s on s.id = o.shop_id where s.code = ?", f.shop));
        // 300 units of A: the first 300 orders in arrival order take them; every B-line order that got A got its B.
        assertEquals(300, f.allocated("A"));
        assertEquals(f.count("""
                select count(*) from orders o join shop s on s.id = o.shop_id
                 where s.code = ? and o.status = 'ALLOCATED' and o.units = 2""", f.shop), f.allocated("B"));
        assertConsistent();
    }

    @Test
    void shall_keep_the_ledger_equal_to_stock_through_receipts_moves_cancels_and_backorders() throws Exception {
        Floor f = new Floor().sku("A");
        String face = f.bin("PICK_FACE", 1), reserve = f.bin("RESERVE", 2);
        f.receive("A", reserve, 50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    post(orders, f.order("mix-" + thread + "-" + i, "A", 1 + i % 3));
                    if (i % 10 == 0) f.receive("A", face, 5);
                    if (i % 13 == 0) given().contentType("application/json")
                            .body(Map.of("shop", f.shop, "sku", "A", "from", reserve, "to", face, "quantity", 1))
                            .post("/api/inventory/moves"); // may be refused when all is reserved: that is fine
                }
                return null;
            }));
        }
        for (Future<?> d : done) d.get();
        pool.shutdown();
        long some = f.count("select min(o.id) from orders o join shop s on s.id = o.shop_id where s.code = ? and o.status = 'ALLOCATED'", f.shop);
        given().post("/api/orders/" + some + "/cancel").then().statusCode(200);
        assertConsistent();
        assertEquals(f.count("""
                select coalesce(sum(l.quantity), 0) from order_line l join orders o on o.id = l.order_id join shop s on s.id = o.shop_id
                 where s.code = ? and o.status = 'ALLOCATED'""", f.shop), f.allocated("A"), "reserved units = units of allocated orders");
    }

    private void assertConsistent() {
        given().get("/api/inventory/reconciliation").then().statusCode(200)
                .body("oversoldRows", equalTo(0)).body("mismatches.size()", equalTo(0)).body("consistent", equalTo(true));
    }

    private int post(URL url, Object body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url.toString()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + io.surgewms.testsupport.SignedIn.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
