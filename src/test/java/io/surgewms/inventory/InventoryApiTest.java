package io.surgewms.inventory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class InventoryApiTest {

    @Test
    void shall_book_receipts_moves_and_adjustments_in_the_ledger_and_answer_available_to_promise() {
        Floor f = new Floor().sku("A");
        String face = f.bin("PICK_FACE", 1), reserve = f.bin("RESERVE", 2), quarantine = f.zone + "-Q";
        Floor.sql("insert into location (code, kind, zone) values (?, 'QUARANTINE', ?)", quarantine, f.zone);
        f.receive("A", reserve, 30);
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "sku", "A", "from", reserve, "to", face, "quantity", 12))
                .post("/api/inventory/moves").then().statusCode(200)
                .body("[0].onHand", equalTo(18)).body("[1].onHand", equalTo(12));
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "sku", "A", "from", reserve, "to", quarantine, "quantity", 3))
                .post("/api/inventory/moves").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "sku", "A", "location", face, "delta", -2, "reason", "damaged"))
                .post("/api/inventory/adjustments").then().statusCode(200).body("onHand", equalTo(10));
        given().contentType(ContentType.JSON).body(f.order("atp-1", "A", 4)).post("/api/orders").then().statusCode(201);

        // 10 + 15 sellable, 4 reserved; the 3 in quarantine are not promised to anybody.
        given().get("/api/stock/atp/" + f.shop + "/A").then().statusCode(200)
                .body("onHand", equalTo(25)).body("allocated", equalTo(4)).body("available", equalTo(21))
                .body("bins.size()", equalTo(3));
        given().get("/api/inventory/ledger?shop=" + f.shop + "&sku=A").then()
                .body("total", equalTo(7))
                .body("items[0].kind", equalTo("ALLOCATE")).body("items[0].orderId", equalTo(
                        (int) f.count("select o.id from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop)))
                .body("items[1].kind", equalTo("ADJUSTMENT")).body("items[1].note", equalTo("damaged")).body("items[1].orderId", nullValue());
        given().get("/api/stock?shop=" + f.shop + "&location=" + face).then().body("total", equalTo(1)).body("items[0].allocated", equalTo(4));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_refuse_to_move_reserved_units_or_adjust_without_a_reason() {
        Floor f = new Floor().sku("A");
        String face = f.bin("PICK_FACE", 1), reserve = f.bin("RESERVE", 2);
        f.receive("A", face, 5);
        given().contentType(ContentType.JSON).body(f.order("mv-1", "A", 4)).post("/api/orders").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "sku", "A", "from", face, "to", reserve, "quantity", 2))
                .post("/api/inventory/moves").then().statusCode(409).body("detail", equalTo(
                        "Only 1 unreserved units of A at " + face + " (4 reserved); cannot move 2"));
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "sku", "A", "location", face, "delta", 3))
                .post("/api/inventory/adjustments").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "reference", "x", "lines",
                        List.of(Map.of("sku", "NOPE", "location", "NOWHERE", "quantity", 1))))
                .post("/api/inventory/receipts").then().statusCode(400)
                .body("errors.field", equalTo(List.of("lines[0].sku", "lines[0].location")));
        assertEquals(5, f.onHand("A"));
    }

    @Test
    void shall_import_stock_from_csv_and_report_bad_rows_without_booking_them() {
        Floor f = new Floor().sku("A").sku("B");
        String bin = f.bin("PICK_FACE", 1);
        String csv = "shop,sku,location,quantity\n" + f.shop + ",A," + bin + ",7\n" + f.shop + ",GHOST," + bin + ",1\n"
                + f.shop + ",B," + bin + ",-3\n" + f.shop + ",B," + bin + ",2\n";
        given().contentType("text/csv").body(csv).post("/api/stock/import").then().statusCode(200)
                .body("imported", equalTo(2))
                .body("rejected.row", equalTo(List.of(2, 3)))
                .body("rejected.field", equalTo(List.of("sku", "quantity")));
        assertEquals(7, f.onHand("A"));
        assertEquals(2, f.onHand("B"));
    }
}
