package io.surgewms.web;

import io.restassured.http.ContentType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * A small floor for a browser test, built through the public API as a site would: a shop, products
 * with GTINs, rack bins, totes, stock received into the bins, and orders. Names are unique per
 * floor because every test of a run shares one database.
 */
final class PickFloor {
    private static final AtomicInteger NEXT = new AtomicInteger();

    final String shop;
    final String zone;
    final Map<String, String> gtins = new HashMap<>();
    final List<String> bins = new ArrayList<>();
    final List<String> totes = new ArrayList<>();
    final List<Long> orderIds = new ArrayList<>();
    private final long gtinBase;

    PickFloor() {
        int n = NEXT.getAndIncrement();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        shop = "hh-" + tag;
        zone = "H" + (char) ('A' + n % 26);  // H + letter: a rack zone no other test uses
        gtinBase = 400_000_000_000L + Math.abs(tag.hashCode() % 1_000_000) * 100L;
        given().contentType(ContentType.JSON).body(Map.of("code", shop, "name", "Handheld shop " + tag))
                .post("/api/shops").then().statusCode(201);
    }

    /** A product with one EAN-13 barcode; returns its GTIN. */
    String product(String sku, String name) {
        String gtin = ean13(gtinBase + gtins.size());
        given().contentType(ContentType.JSON)
                .body(Map.of("shop", shop, "sku", sku, "name", name, "barcodes", List.of(gtin), "weightG", 120))
                .post("/api/products").then().statusCode(201);
        gtins.put(sku, gtin);
        return gtin;
    }

    /** A pick-face bin in aisle 1 of this floor's zone; its code is a rack code (zone-aisle-bay-level). */
    String bin(int bay) {
        return bin(bay, "PICK_FACE");
    }

    String bin(int bay, String kind) {
        String code = String.format("%s-01-%02d-1", zone, bay);
        given().contentType(ContentType.JSON).body(Map.of("code", code, "kind", kind, "pickSeq", bay))
                .post("/api/locations").then().statusCode(201);
        bins.add(code);
        return code;
    }

    String tote(int i) {
        String code = String.format("TOTE-%s%03d", zone, i);
        given().contentType(ContentType.JSON).body(Map.of("code", code, "kind", "TOTE", "zone", "TOTES"))
                .post("/api/locations").then().statusCode(201);
        totes.add(code);
        return code;
    }

    void receive(String sku, String bin, int quantity) {
        given().contentType(ContentType.JSON)
                .body(Map.of("shop", shop, "reference", "hh-receipt", "lines", List.of(Map.of("sku", sku, "location", bin, "quantity", quantity))))
                .post("/api/inventory/receipts").then().statusCode(201);
    }

    /**
     * An urgent order (long past ship-by, top priority) so the wave planner and the claim take this
     * floor's work before anything another test may have left in the shared database.
     */
    long order(String externalId, Object... skuQty) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < skuQty.length; i += 2) lines.add(Map.of("sku", skuQty[i], "quantity", skuQty[i + 1]));
        Map<String, Object> body = Map.of("shop", shop, "channel", "api", "externalId", externalId,
                "shipBy", "2020-01-01T10:00:00Z", "carrier", "UPS", "service", "GROUND", "priority", 9,
                "shipTo", Map.of("name", "Ada Buyer", "line1", "1 Main St", "city", "Austin", "postalCode", "78701", "country", "US"),
                "lines", lines);
        long id = given().contentType(ContentType.JSON).body(body).post("/api/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        orderIds.add(id);
        return id;
    }

    /** Plans and releases a wave of exactly this floor's orders. */
    long wave() {
        return given().contentType(ContentType.JSON).body(Map.of("maxOrders", orderIds.size()))
                .post("/api/waves").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static String ean13(long twelveDigits) {
        String s = String.format("%012d", twelveDigits);
        int sum = 0;
        for (int i = 0; i < 12; i++) sum += (s.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        return s + (10 - sum % 10) % 10;
    }
}
