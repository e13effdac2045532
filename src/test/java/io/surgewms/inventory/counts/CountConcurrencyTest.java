package io.surgewms.inventory.counts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static io.surgewms.inventory.counts.Counting.consistent;
import static io.surgewms.inventory.counts.Counting.count;
import static io.surgewms.inventory.counts.Counting.create;
import static io.surgewms.inventory.counts.Counting.onHandAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A count booked while a spike reserves the same SKU: a supervisor approves a count that takes the pick
 * face from 40 units to 15 while four channels post 40 single-unit orders. Whatever the interleaving, no
 * stock row is oversold, every reservation is on a row that holds it, and the ledger equals stock.
 */
@QuarkusTest
class CountConcurrencyTest {

    @Test
    void shall_keep_stock_true_when_a_count_is_booked_during_a_spike() throws Exception {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "480900000001");
        String face = f.bin("PICK_FACE", 1), reserve = f.bin("RESERVE", 2);
        f.receive("A", face, 40);
        f.receive("A", reserve, 10);
        long id = create(f, face, "A");
        assertEquals("PENDING_APPROVAL", count(f, "conc-" + f.shop, id, face, gtin, 15).getString("count.status"));

        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int channel = c;
            runs.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 10; i++)
                    given().contentType(ContentType.JSON).body(f.order("spike-" + channel + "-" + i, "A", 1)).post("/api/orders").then().statusCode(201);
                return null;
            }));
        }
        runs.add(pool.submit(() -> {
            go.await();
            Thread.sleep(20); // into the middle of the spike
            given().contentType(ContentType.JSON).body(Map.of()).post("/api/counts/" + id + "/approve").then().statusCode(200);
            return null;
        }));
        go.countDown();
        for (Future<?> r : runs) r.get();
        pool.shutdown();

        assertEquals(15, onHandAt(f, face), "the count is what the face holds now");
        String sku = "select p.id from product p join shop s on s.id = p.shop_id where s.code = ? and p.sku = 'A'";
        assertEquals(0, f.count("select count(*) from stock where product_id = (" + sku + ") and (allocated < 0 or allocated > on_hand)", f.shop));
        assertEquals(f.count("select coalesce(sum(allocated), 0) from stock where product_id = (" + sku + ")", f.shop),
                f.count("select coalesce(sum(quantity), 0) from allocation where status = 'ACTIVE' and stock_id in (select id from stock where product_id = ("
                        + sku + "))", f.shop), "every active reservation is on the row that counts it");
        // 25 sellable units for 40 orders: all 25 end up reserved; every order is reserved, flagged (its units
        // were counted away and no other bin had any) or backordered, never silently short.
        long reserved = f.count("select coalesce(sum(allocated), 0) from stock where product_id = (" + sku + ")", f.shop);
        long flagged = f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ? and o.exception like 'COUNT%'", f.shop);
        assertEquals(25, reserved);
        assertEquals(40, reserved + flagged + f.orders("BACKORDERED"));
        consistent();
    }
}
