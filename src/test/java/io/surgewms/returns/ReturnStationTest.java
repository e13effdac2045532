package io.surgewms.returns;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.barcode.Gtin;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.returns.Shipped.create;
import static io.surgewms.returns.Shipped.quarantine;
import static io.surgewms.returns.Shipped.rma;
import static io.surgewms.returns.Shipped.unit;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The returns station: find the return from whatever is on the parcel, take unexpected items, refuse wrong scans. */
@QuarkusTest
class ReturnStationTest {

    @Test
    void shall_find_the_return_from_the_rma_the_parcel_label_or_the_order() {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "403100000001");
        f.receive("A", f.bin("PICK_FACE", 1), 3);
        f.tote(1);
        long order = Shipped.order(f, Map.of("A", a), "rt-find-" + f.zone, "A", 1);
        JsonPath r = create(rma(order, "A", 1, "NOT_AS_DESCRIBED"));
        long id = r.getLong("id");
        String tracking = f.text("select tracking_number from shipment where order_id = ?", order);
        String sscc = f.text("select sscc from shipment where order_id = ?", order);
        for (String code : List.of(r.getString("code"), r.getString("code").toLowerCase(), tracking, sscc, "00" + sscc, "rt-find-" + f.zone))
            given().queryParam("code", code).get("/api/returns/lookup").then().statusCode(200).body("id", equalTo((int) id))
                    .body("lines[0].sku", equalTo("A"));
        given().queryParam("code", "NOTHING-HERE").get("/api/returns/lookup").then().statusCode(404);
        given().get("/api/returns/lookup").then().statusCode(400);
    }

    @Test
    void shall_take_unexpected_items_and_refuse_wrong_scans_recording_every_one() {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "403200000001"), c = f.skuWithGtin("C", "403200000003");
        String face = f.bin("PICK_FACE", 1), quar = quarantine(f), tote = f.tote(1);
        f.receive("A", face, 3);
        long order = Shipped.order(f, Map.of("A", a), "rt-odd", "A", 1);
        JsonPath r = create(rma(order, "A", 1, "WRONG_ITEM"));
        long id = r.getLong("id");
        String code = r.getString("code");
        long ledger = f.count("select count(*) from stock_ledger where kind = 'RETURN' and order_id = ?", order);

        // Wrong scans: each refused with its reason, recorded, and nothing booked.
        String[][] wrong = {
                {Gtin.withCheckDigit("403200000001").substring(0, 12) + "0", "RESTOCK", face, "BAD_CHECK_DIGIT"},
                {a, "RESTOCK", null, "LOCATION_REQUIRED"},
                {a, "RESTOCK", "NO-SUCH-BIN", "UNKNOWN_LOCATION"},
                {a, "RESTOCK", tote, "NOT_SELLABLE_LOCATION"},
                {a, "RESTOCK", quar, "NOT_SELLABLE_LOCATION"},
                {a, "QUARANTINE", face, "NOT_QUARANTINE_LOCATION"},
                {"JUNK-0042", "RESTOCK", face, "UNKNOWN_ITEM"},
                {"", "SCRAP", null, "UNREADABLE"},
        };
        for (String[] w : wrong) {
            JsonPath ans = unit(id, w[0], w[1], w[2]);
            assertEquals("REJECTED", ans.getString("result"), String.join(" ", w));
            assertEquals(w[3], ans.getString("reason"), ans.getString("message"));
        }
        assertEquals(wrong.length, f.count("select count(*) from scan where expected = ? and result = 'REJECTED'", "ITEM of " + code));
        assertEquals(ledger, f.count("select count(*) from stock_ledger where kind = 'RETURN' and order_id = ?", order));
        assertEquals(0, f.count("select count(*) from rma_unit where rma_id = ?", id));
        given().contentType(ContentType.JSON).body(Map.of("code", a, "disposition", "KEEP")).post("/api/returns/" + id + "/units")
                .then().statusCode(400).body("errors[0].field", equalTo("disposition"));

        // The expected unit, then one more of it, an item of the shop not on the return, and a code nobody knows.
        JsonPath ok = unit(id, a, "RESTOCK", face);
        assertEquals("ACCEPTED", ok.getString("result"));
        assertEquals(false, ok.getBoolean("unit.unexpected"));
        JsonPath extra = unit(id, a, "QUARANTINE", quar);
        assertEquals("UNEXPECTED", extra.getString("reason"), extra.getString("message"));
        JsonPath other = unit(id, c, "RESTOCK", face);
        assertEquals("ACCEPTED", other.getString("result"));
        assertEquals(true, other.getBoolean("unit.unexpected"));
        JsonPath junk = given().contentType(ContentType.JSON)
                .body(Map.of("code", "JUNK-0042", "disposition", "SCRAP", "note", "broken phone case", "photoRef", "img-0042.jpg"))
                .post("/api/returns/" + id + "/units").then().statusCode(200).extract().jsonPath();
        assertEquals("ACCEPTED", junk.getString("result"));
        assertEquals("img-0042.jpg", junk.getString("unit.photoRef"));
        assertEquals(List.of(false, true, true, true), junk.getList("rma.units.unexpected"));
        assertEquals(1, junk.getInt("rma.lines[0].received"));
        assertEquals(1, junk.getInt("rma.lines[0].unexpected"));
        assertEquals(4, f.count("select count(*) from scan where expected = ? and result = 'ACCEPTED'", "ITEM of " + code));
        assertEquals("3/0", ReturnFlowTest.level(f, "A", face));  // 3 received - 1 shipped + 1 restocked
        assertEquals("1/0", ReturnFlowTest.level(f, "C", face));
        assertEquals("1/0", ReturnFlowTest.level(f, "A", quar));

        given().post("/api/returns/" + id + "/close").then().statusCode(200).body("status", equalTo("RESTOCKED"));
        // One event for the line (with its unexpected extra), one for C, one for the unknown code.
        assertEquals(3, f.count("select count(*) from outbox where topic = 'return.received' and payload->>'rma' = ?", code));
        assertEquals("JUNK-0042:1", f.text("select (payload->>'code') || ':' || (payload->>'scrapped') from outbox where payload->>'rma' = ? and payload->>'sku' is null", code));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_keep_a_shops_returns_to_that_shop() {
        Floor f = new Floor(), g = new Floor();
        String a = f.skuWithGtin("A", "403300000001");
        f.receive("A", f.bin("PICK_FACE", 1), 3);
        f.tote(1);
        long order = Shipped.order(f, Map.of("A", a), "rt-iso", "A", 2);
        String own = key(f.shop), foreign = key(g.shop);

        // The shop's own key returns its order through the API; another shop's key cannot see that order at all.
        given().header("Authorization", "Bearer " + foreign).contentType(ContentType.JSON).body(rma(order, "A", 1, "DAMAGED"))
                .post("/api/returns").then().statusCode(404);
        JsonPath r = given().header("Authorization", "Bearer " + own).contentType(ContentType.JSON).body(rma(order, "A", 1, "DAMAGED"))
                .post("/api/returns").then().statusCode(201).extract().jsonPath();
        assertEquals("API", r.getString("source"));
        long id = r.getLong("id");
        given().header("Authorization", "Bearer " + own).get("/api/returns/" + id).then().statusCode(200);
        given().header("Authorization", "Bearer " + own).get("/api/returns/" + id + "/label?format=zpl").then().statusCode(200);
        given().header("Authorization", "Bearer " + foreign).get("/api/returns/" + id).then().statusCode(404);
        given().header("Authorization", "Bearer " + foreign).get("/api/returns/" + id + "/label").then().statusCode(404);
        given().header("Authorization", "Bearer " + foreign).get("/api/orders/" + order + "/returns").then().statusCode(404);
        given().header("Authorization", "Bearer " + foreign).get("/api/returns").then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", "Bearer " + foreign).queryParam("shop", f.shop).get("/api/returns").then().statusCode(404);
        given().header("Authorization", "Bearer " + own).get("/api/returns").then().statusCode(200).body("total", equalTo(1));
        // Receiving is the warehouse's job, not the seller's.
        given().header("Authorization", "Bearer " + own).contentType(ContentType.JSON).body(Map.of("code", a, "disposition", "SCRAP"))
                .post("/api/returns/" + id + "/units").then().statusCode(403);
    }

    private static String key(String shop) {
        return given().contentType(ContentType.JSON).body(Map.of("shop", shop, "name", "returns test", "scopes", List.of("orders:write", "orders:read")))
                .post("/api/api-keys").then().statusCode(201).extract().path("key");
    }
}
