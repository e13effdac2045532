package io.surgewms.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.Pick;
import io.surgewms.testsupport.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two sellers in one warehouse: each one's user and key see and touch only their own shop. Another
 * shop's order, stock, product, parcel or analytics answers 404 (not 403: its existence does not leak),
 * and a write aimed at it changes nothing.
 */
@QuarkusTest
class ShopIsolationTest {

    @AfterEach
    void admin() {
        SignedIn.asAdmin();
    }

    @Test
    void shall_confine_a_sellers_user_and_keys_to_their_shop() {
        Floor mine = new Floor(), theirs = new Floor();
        for (Floor f : List.of(mine, theirs)) {
            f.skuWithGtin("A", f == mine ? "404100000001" : "404100000002");
            f.receive("A", f.bin("PICK_FACE", 1), 10);
            f.tote(1);
        }
        long myOrder = given().contentType(ContentType.JSON).body(mine.order("iso-1", "A", 1)).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        long theirOrder = given().contentType(ContentType.JSON).body(theirs.order("iso-1", "A", 1)).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        long theirProduct = given().queryParam("shop", theirs.shop).get("/api/products").then().extract().jsonPath().getLong("items[0].id");

        Accounts.Session seller = Accounts.as("SHOP", mine.shop);
        // Their own: visible.
        seller.as().get("/api/orders").then().statusCode(200).body("items.externalId", equalTo(List.of("iso-1"))).body("total", equalTo(1));
        seller.as().get("/api/orders/" + myOrder).then().statusCode(200);
        seller.as().get("/api/stock").then().statusCode(200).body("items.shop", everyItem(equalTo(mine.shop)));
        seller.as().get("/api/stock/atp/" + mine.shop + "/A").then().statusCode(200);
        seller.as().get("/api/analytics/hourly").then().statusCode(200);
        // Another shop's: as if it did not exist.
        for (String path : List.of("/api/orders/" + theirOrder, "/api/orders/" + theirOrder + "/events", "/api/orders?shop=" + theirs.shop,
                "/api/stock?shop=" + theirs.shop, "/api/stock/atp/" + theirs.shop + "/A", "/api/products/" + theirProduct,
                "/api/products?shop=" + theirs.shop, "/api/analytics/hourly?shop=" + theirs.shop, "/api/analytics/breakdown.csv?shop=" + theirs.shop))
            seller.as().get(path).then().statusCode(404).contentType("application/problem+json");
        // Read-mostly: a seller's user cannot write orders or touch the floor.
        seller.as().contentType(ContentType.JSON).body(mine.order("iso-2", "A", 1)).post("/api/orders").then().statusCode(403);
        seller.as().post("/api/orders/" + myOrder + "/cancel").then().statusCode(403);
        seller.as().get("/api/board").then().statusCode(403);

        // A channel's key: writes its shop's orders, not another's, and reads nothing it was not given.
        String key = Accounts.shopKey(mine.shop, "orders:write");
        SignedIn.anonymous();
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(mine.order("iso-3", "A", 1))
                .post("/api/orders").then().statusCode(201);
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(theirs.order("iso-3", "A", 1))
                .post("/api/orders").then().statusCode(404);
        var batch = given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("orders", List.of(mine.order("iso-4", "A", 1), theirs.order("iso-4", "A", 1))))
                .post("/api/orders/batch").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("CREATED", "REJECTED"), batch.getList("results.outcome"));
        assertEquals(404, batch.getInt("results[1].problem.status"));
        given().header("Authorization", "Bearer " + key).post("/api/orders/" + theirOrder + "/cancel").then().statusCode(404);
        given().header("Authorization", "Bearer " + key).get("/api/orders").then().statusCode(403);
        SignedIn.asAdmin();
        assertEquals(0, theirs.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ? and o.external_id in ('iso-3','iso-4')", theirs.shop),
                "nothing written to the other shop");
        given().get("/api/orders/" + theirOrder).then().body("status", equalTo("ALLOCATED"));
        assertEquals(3, mine.orders("ALLOCATED"));

        // Revoked: refused at once. Last use was recorded.
        long id = given().queryParam("shop", mine.shop).get("/api/api-keys").then().extract().jsonPath().getLong("[0].id");
        assertTrue(given().get("/api/api-keys?shop=" + mine.shop).then().extract().jsonPath().getString("[0].lastUsedAt") != null);
        given().delete("/api/api-keys/" + id).then().statusCode(200).body("revokedAt", org.hamcrest.Matchers.notNullValue());
        SignedIn.anonymous();
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(mine.order("iso-5", "A", 1))
                .post("/api/orders").then().statusCode(401).contentType("application/problem+json");
        SignedIn.asAdmin();
        assertNull(mine.text("select external_id from orders o join shop s on s.id = o.shop_id where s.code = ? and external_id = 'iso-5'", mine.shop));
    }

    @Test
    void shall_show_a_seller_their_own_parcels_label_and_no_one_elses() {
        Floor mine = new Floor(), theirs = new Floor();
        long[] parcels = new long[2];
        int i = 0;
        for (Floor f : List.of(mine, theirs)) {
            String gtin = f.skuWithGtin("A", f == mine ? "404200000001" : "404200000002");
            f.receive("A", f.bin("PICK_FACE", 1), 5);
            f.tote(1);
            given().contentType(ContentType.JSON).body(f.order("lbl-1", "A", 1)).post("/api/orders").then().statusCode(201);
            Pick.plan(f);
            long task = Pick.claim(f, "iso-picker").getLong("id");
            Pick.pickAll(f, "iso-picker", task, Map.of("A", gtin));
            String station = "ISO-" + f.zone;
            given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S")).post("/api/packing/stations").then().statusCode(201);
            parcels[i++] = given().contentType(ContentType.JSON).body(Map.of("code", gtin, "packer", "iso-packer"))
                    .post("/api/packing/stations/" + station + "/scan").then().statusCode(200).extract().jsonPath().getLong("shipmentId");
        }
        Accounts.Session seller = Accounts.as("SHOP", mine.shop);
        seller.as().get("/api/shipments/" + parcels[0] + "/label?format=zpl").then().statusCode(200);
        seller.as().get("/api/shipments/" + parcels[1] + "/label?format=zpl").then().statusCode(404);
    }
}
