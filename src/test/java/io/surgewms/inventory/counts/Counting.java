package io.surgewms.inventory.counts;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.testsupport.Floor;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Counting through the API the way a counter and a supervisor do. */
final class Counting {
    private Counting() {}

    static long create(Floor f, String bin, String sku) {
        Map<String, Object> body = new HashMap<>(Map.of("location", bin));
        if (sku != null) body.putAll(Map.of("shop", f.shop, "sku", sku));
        return given().contentType(ContentType.JSON).body(body).post("/api/counts").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** The counter's claimed count in this floor's zone, or null. */
    static JsonPath claim(Floor f, String counter) {
        var r = given().contentType(ContentType.JSON).body(Map.of("counter", counter, "zone", f.zone)).post("/api/counts/claim");
        return r.statusCode() == 204 ? null : r.then().statusCode(200).extract().jsonPath();
    }

    static JsonPath scan(long id, String counter, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("counter", counter, "code", code))
                .post("/api/counts/" + id + "/scan").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath accepted(long id, String counter, String code) {
        JsonPath a = scan(id, counter, code);
        assertEquals("ACCEPTED", a.getString("result"), code + ": " + a.getString("message"));
        return a;
    }

    /** Claims the next count, scans its bin, scans the item once, keys the quantity and finishes; answers the last answer. */
    static JsonPath count(Floor f, String counter, long expectedTask, String bin, String itemCode, int units) {
        JsonPath claimed = claim(f, counter);
        assertEquals(expectedTask, claimed.getLong("id"));
        accepted(expectedTask, counter, bin);
        if (units > 0) {
            accepted(expectedTask, counter, itemCode);
            if (units > 1) accepted(expectedTask, counter, String.valueOf(units));
        }
        return accepted(expectedTask, counter, "DONE");
    }

    static JsonPath review(long id) {
        return given().get("/api/counts/" + id + "/review").then().statusCode(200).extract().jsonPath();
    }

    static long onHandAt(Floor f, String bin) {
        return f.count("select coalesce(sum(on_hand), 0) from stock s join location l on l.id = s.location_id where l.code = ?", bin);
    }

    static long allocatedAt(Floor f, String bin) {
        return f.count("select coalesce(sum(allocated), 0) from stock s join location l on l.id = s.location_id where l.code = ?", bin);
    }

    static void consistent() {
        JsonPath r = given().get("/api/inventory/reconciliation").then().statusCode(200).extract().jsonPath();
        assertEquals(true, r.getBoolean("consistent"), r.prettify());
        assertEquals(0, r.getInt("oversoldRows"));
    }
}
