package io.surgewms.returns;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shipped order comes back: authorised, received unit by unit, each unit's fate in the ledger. */
@QuarkusTest
class ReturnFlowTest {

    /** on_hand/allocated of a SKU at one bin. */
    static String level(Floor f, String sku, String bin) {
        return f.text("""
                select st.on_hand || '/' || st.allocated from stock st join product p on p.id = st.product_id join shop s on s.id = p.shop_id
                  join location l on l.id = st.location_id where s.code = ? and p.sku = ? and l.code = ?""", f.shop, sku, bin);
    }

    @Test
    void shall_restock_quarantine_and_scrap_each_unit_with_the_ledger_after_it() {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "402100000001"), b = f.skuWithGtin("B", "402100000002");
        String face = f.bin("PICK_FACE", 1), faceB = f.bin("PICK_FACE", 2), reserve = f.bin("RESERVE", 3), quar = quarantine(f);
        f.tote(1);
        f.receive("A", face, 5);
        f.receive("B", faceB, 5);
        long order = Shipped.order(f, Map.of("A", a, "B", b), "rt-1", "A", 2, "B", 1);
        assertEquals("3/0", level(f, "A", face));

        JsonPath r = create(rma(order, "A", 2, "DAMAGED", "B", 1, "CHANGED_MIND"));
        long id = r.getLong("id");
        String code = r.getString("code");
        assertTrue(code.matches("RMA-\\d{6}"), code);
        assertEquals("OPEN", r.getString("status"));
        assertEquals("STAFF", r.getString("source"));
        assertEquals(List.of(2, 1), r.getList("lines.quantity"));
        assertEquals(List.of(a), r.getList("lines[0].barcodes"));

        // One A back on a reserve shelf (sellable again), one A into quarantine, the B scrapped.
        JsonPath restocked = unit(id, a, "RESTOCK", reserve);
        assertEquals("ACCEPTED", restocked.getString("result"), restocked.getString("message"));
        assertEquals("RESTOCK", restocked.getString("unit.disposition"));
        assertEquals(reserve, restocked.getString("unit.location"));
        assertEquals("RECEIVED", restocked.getString("rma.status"));
        assertEquals("ACCEPTED", unit(id, "A", "QUARANTINE", quar).getString("result"));  // by SKU, as typed
        assertEquals("ACCEPTED", unit(id, b, "SCRAP", null).getString("result"));
        assertEquals("1/0", level(f, "A", reserve));
        assertEquals("1/0", level(f, "A", quar));
        assertEquals("4/0", level(f, "B", faceB), "a scrapped unit never enters stock");
        assertEquals(2, f.count("""
                select count(*) from stock_ledger g join stock st on st.id = g.stock_id join product p on p.id = st.product_id join shop s on s.id = p.shop_id
                 where s.code = ? and g.kind = 'RETURN' and g.delta_on_hand = 1 and g.order_id = ? and g.reference = ?""", f.shop, order, "rma:" + code));
        // Quarantined units count but are not for sale: available to promise is the pick face and the reserve.
        given().get("/api/stock/atp/" + f.shop + "/A").then().statusCode(200).body("available", equalTo(4));

        JsonPath seen = given().get("/api/returns/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(2, 1), seen.getList("lines.received"));
        assertEquals(List.of(1, 0), seen.getList("lines.restocked"));
        assertEquals(List.of(1, 0), seen.getList("lines.quarantined"));
        assertEquals(List.of(0, 1), seen.getList("lines.scrapped"));
        assertEquals(3, seen.getList("units").size());

        JsonPath closed = given().post("/api/returns/" + id + "/close").then().statusCode(200).extract().jsonPath();
        assertEquals("RESTOCKED", closed.getString("status"));
        assertEquals(2, f.count("select count(*) from outbox where topic = 'return.received' and payload->>'rma' = ?", code));
        assertEquals("1/1/0/2", f.text("""
                select (payload->>'restocked') || '/' || (payload->>'quarantined') || '/' || (payload->>'scrapped') || '/' || (payload->>'expected')
                  from outbox where topic = 'return.received' and payload->>'rma' = ? and payload->>'sku' = 'A'""", code));
        assertEquals("api:rt-1", f.text("select key from outbox where topic = 'return.received' and payload->>'rma' = ? and payload->>'sku' = 'B'", code));
        assertEquals(1, f.count("select count(*) from audit_log where action = 'return.close' and target = ?", code));
        assertEquals(1, f.count("select count(*) from audit_log where action = 'return.create' and target = ?", code));

        // Closed: a late unit is refused, recorded, and books nothing.
        JsonPath late = unit(id, a, "RESTOCK", reserve);
        assertEquals("REJECTED", late.getString("result"));
        assertEquals("RMA_CLOSED", late.getString("reason"));
        assertEquals("1/0", level(f, "A", reserve));
        given().post("/api/returns/" + id + "/close").then().statusCode(409);

        // The order stays SHIPPED and shows its return history.
        given().get("/api/orders/" + order).then().body("status", equalTo("SHIPPED"));
        given().get("/api/orders/" + order + "/returns").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].code", equalTo(code)).body("[0].status", equalTo("RESTOCKED"));
        List<String> notes = given().get("/api/orders/" + order + "/events").then().extract().jsonPath().getList("note", String.class);
        assertTrue(notes.stream().anyMatch(n -> n != null && n.contains(code + " authorised")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n != null && n.contains(code + " closed RESTOCKED")), notes.toString());
        given().get("/api/returns?order=" + order).then().statusCode(200).body("total", equalTo(1)).body("items[0].received", equalTo(3));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_refuse_a_return_of_more_than_was_shipped_and_write_nothing() {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "402200000001");
        f.sku("C");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        f.tote(1);
        long order = Shipped.order(f, Map.of("A", a), "rt-over", "A", 2);
        long ledger = f.count("select count(*) from stock_ledger"), events = f.count("select count(*) from order_event where order_id = ?", order);

        given().contentType(ContentType.JSON).body(rma(order, "A", 3, "DAMAGED")).post("/api/returns").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("lines[0].quantity"))
                .body("errors[0].reason", equalTo("only 2 of A can be returned: 2 shipped, 0 already on returns"));
        given().contentType(ContentType.JSON).body(rma(order, "C", 1, "DAMAGED")).post("/api/returns").then().statusCode(409)
                .body("errors[0].field", equalTo("lines[0].sku"));
        given().contentType(ContentType.JSON).body(rma(order, "A", 1, "BORED")).post("/api/returns").then().statusCode(400)
                .body("errors[0].field", equalTo("lines[0].reason"));
        given().contentType(ContentType.JSON).body(rma(order, "A", 0, "DAMAGED")).post("/api/returns").then().statusCode(400);
        given().contentType(ContentType.JSON).body(rma(order)).post("/api/returns").then().statusCode(400);
        assertEquals(0, f.count("select count(*) from rma where order_id = ?", order));
        assertEquals(0, f.count("select count(*) from rma_line l join rma r on r.id = l.rma_id where r.order_id = ?", order));
        assertEquals(ledger, f.count("select count(*) from stock_ledger"));
        assertEquals(events, f.count("select count(*) from order_event where order_id = ?", order));

        // One by (shop, channel, externalId), with the channel's reference: sent twice, one RMA.
        Map<String, Object> byRef = rma(0, "A", 1, "WRONG_ITEM");
        byRef.remove("orderId");
        byRef.putAll(Map.of("shop", f.shop, "channel", "api", "externalId", "rt-over", "reference", "CH-RET-1", "source", "CHANNEL"));
        JsonPath first = create(byRef);
        assertEquals("CHANNEL", first.getString("source"));
        given().contentType(ContentType.JSON).body(byRef).post("/api/returns").then().statusCode(200).body("id", equalTo(first.getInt("id")));
        // Only one more can come back while that return is open...
        given().contentType(ContentType.JSON).body(rma(order, "A", 2, "DAMAGED")).post("/api/returns").then().statusCode(409)
                .body("errors[0].reason", equalTo("only 1 of A can be returned: 2 shipped, 1 already on returns"));
        // ...and when it closes with nothing received, its unit is returnable again.
        given().post("/api/returns/" + first.getLong("id") + "/close").then().statusCode(200).body("status", equalTo("CANCELLED"));
        create(rma(order, "A", 2, "DAMAGED"));

        // An order that has not shipped cannot be returned.
        long open = given().contentType(ContentType.JSON).body(f.order("rt-open", "A", 1)).post("/api/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(rma(open, "A", 1, "DAMAGED")).post("/api/returns").then().statusCode(409);
        given().contentType(ContentType.JSON).body(rma(999_999_999L, "A", 1, "DAMAGED")).post("/api/returns").then().statusCode(404);
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_fill_a_backorder_with_a_restocked_unit() {
        Floor f = new Floor();
        String a = f.skuWithGtin("A", "402300000001");
        String face = f.bin("PICK_FACE", 1);
        f.tote(1);
        f.receive("A", face, 1);
        long shipped = Shipped.order(f, Map.of("A", a), "rt-bo-1", "A", 1);
        long waiting = given().contentType(ContentType.JSON).body(f.order("rt-bo-2", "A", 1)).post("/api/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().get("/api/orders/" + waiting).then().body("status", equalTo("BACKORDERED"));

        long id = create(rma(shipped, "A", 1, "CHANGED_MIND")).getLong("id");
        assertEquals("ACCEPTED", unit(id, a, "RESTOCK", face).getString("result"));
        given().get("/api/orders/" + waiting).then().body("status", equalTo("ALLOCATED"));
        assertEquals("1/1", level(f, "A", face));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }
}
