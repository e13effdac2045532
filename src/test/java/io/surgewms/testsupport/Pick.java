package io.surgewms.testsupport;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Picking through the API the way a picker does, for tests of what comes before and after it. */
public final class Pick {
    private Pick() {}

    public static JsonPath scan(String picker, long task, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("picker", picker, "taskId", task, "code", code))
                .post("/api/scans").then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath claim(Floor f, String picker) {
        var r = given().contentType(ContentType.JSON).body(Map.of("picker", picker, "zone", f.zone)).post("/api/picking/claim");
        return r.statusCode() == 204 ? null : r.then().statusCode(200).extract().jsonPath();
    }

    public static long plan(Floor f) {
        return given().contentType(ContentType.JSON).body(Map.of("shop", f.shop)).post("/api/waves")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Picks a claimed task to the end the way a careful picker does: bin, each unit, tote. */
    public static void pickAll(Floor f, String picker, long task, Map<String, String> gtinBySku) {
        JsonPath t = given().get("/api/picking/tasks/" + task).then().extract().jsonPath();
        while (!t.getString("expect").equals("DONE")) {
            String location = t.getString("next.location"), sku = t.getString("next.sku"), tote = t.getString("next.tote");
            int qty = t.getInt("next.quantity"), picked = t.getInt("next.picked");
            String expect = t.getString("expect");
            if (expect.equals("LOCATION")) assertEquals("ACCEPTED", scan(picker, task, location).getString("result"));
            if (!expect.equals("TOTE"))
                for (int i = picked; i < qty; i++) assertEquals("ACCEPTED", scan(picker, task, gtinBySku.get(sku)).getString("result"));
            t = scan(picker, task, tote);
            assertEquals("ACCEPTED", t.getString("result"), t.getString("message"));
            t = given().get("/api/picking/tasks/" + task).then().extract().jsonPath();
        }
    }

}
