package io.surgewms.testsupport;

import io.restassured.http.ContentType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A small warehouse for one test: its own shop, SKUs and bins (unique names, so tests that share
 * the database never see each other's rows). Stock arrives through the receipts API, so the
 * ledger is written as in production.
 */
public final class Floor {

    public final String shop;
    public final String zone;
    private final List<String> bins = new ArrayList<>();

    public Floor() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        this.shop = "t" + tag;
        this.zone = "Z" + tag.toUpperCase();
        sql("insert into shop (code, name) values (?, ?)", shop, "Test shop " + tag);
    }

    public Floor sku(String sku) {
        sql("insert into product (shop_id, sku, name, weight_g) select id, ?, ?, 100 from shop where code = ?", sku, "Item " + sku, shop);
        return this;
    }

    /** A SKU with a GTIN-13 barcode (made valid from the given 12-digit body). */
    public String skuWithGtin(String sku, String body12) {
        sku(sku);
        String gtin = io.surgewms.barcode.Gtin.withCheckDigit(body12);
        sql("""
                insert into product_barcode (shop_id, product_id, barcode, kind)
                select p.shop_id, p.id, ?, 'GTIN13' from product p join shop s on s.id = p.shop_id where s.code = ? and p.sku = ?""",
                gtin, shop, sku);
        return gtin;
    }

    /** A bundle of this shop's SKUs, defined through the product API; components alternate sku, quantity. */
    public Floor bundle(String sku, Object... skuQty) {
        List<Map<String, Object>> components = new ArrayList<>();
        for (int i = 0; i < skuQty.length; i += 2) components.add(Map.of("sku", skuQty[i], "quantity", skuQty[i + 1]));
        given().contentType(ContentType.JSON).body(Map.of("shop", shop, "sku", sku, "name", "Bundle " + sku, "components", components))
                .post("/api/products").then().statusCode(201);
        return this;
    }

    /** An empty tote of this floor. */
    public String tote(int n) {
        String code = "TOTE-" + zone + "-" + n;
        sql("insert into location (code, kind, zone) values (?, 'TOTE', ?)", code, zone);
        return code;
    }

    /** A bin of this floor's zone; kind PICK_FACE or RESERVE; pickSeq orders the walk. */
    public String bin(String kind, int pickSeq) {
        String code = zone + "-" + kind.charAt(0) + "-" + pickSeq;
        sql("insert into location (code, kind, zone, aisle, bay, level, pick_seq) values (?, ?, ?, 1, ?, 1, ?)",
                code, kind, zone, pickSeq, pickSeq);
        bins.add(code);
        return code;
    }

    public void receive(String sku, String bin, int quantity) {
        given().contentType(ContentType.JSON)
                .body(Map.of("shop", shop, "reference", "test-receipt", "lines", List.of(Map.of("sku", sku, "location", bin, "quantity", quantity))))
                .post("/api/inventory/receipts").then().statusCode(201);
    }

    /** A valid order body; lines alternate sku, quantity. */
    public Map<String, Object> order(String externalId, Object... skuQty) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < skuQty.length; i += 2) lines.add(Map.of("sku", skuQty[i], "quantity", skuQty[i + 1]));
        return new java.util.HashMap<>(Map.of("shop", shop, "channel", "api", "externalId", externalId,
                "shipBy", java.time.Instant.now().plus(java.time.Duration.ofHours(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), "carrier", "UPS", "service", "GROUND",
                "shipTo", Map.of("name", "Ada Buyer", "line1", "1 Main St", "city", "Austin", "postalCode", "78701", "country", "US"),
                "lines", lines));
    }

    /** The first column of the first row, as text. */
    public String text(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Orders of this shop in a status. */
    public long orders(String status) {
        return count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ? and o.status = ?", shop, status);
    }

    public long allocated(String sku) {
        return count("select coalesce(sum(st.allocated), 0) from stock st join product p on p.id = st.product_id join shop s on s.id = p.shop_id where s.code = ? and p.sku = ?", shop, sku);
    }

    public long onHand(String sku) {
        return count("select coalesce(sum(st.on_hand), 0) from stock st join product p on p.id = st.product_id join shop s on s.id = p.shop_id where s.code = ? and p.sku = ?", shop, sku);
    }

    public static void sql(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement on another database of the same server (e.g. to drop a scratch database). */
    public static void sqlOn(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabase.URL, "postgres", "");
    }
}
