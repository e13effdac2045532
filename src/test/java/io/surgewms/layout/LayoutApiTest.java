package io.surgewms.layout;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LayoutApiTest {

    @Inject
    LayoutService layouts;

    static String layout(String zone, int aisles, int bays, int levels, int crossAisles) {
        return "{\"zone\":\"" + zone + "\",\"aisles\":" + aisles + ",\"bays\":" + bays + ",\"levels\":" + levels
                + ",\"crossAisles\":" + crossAisles + ",\"bayWidthM\":1.2,\"aislePitchM\":3.0,\"crossAisleM\":3.0,"
                + "\"depotX\":0,\"depotY\":0,\"pickFaceLevels\":" + Math.min(2, levels) + "}";
    }

    private static List<Map<String, Object>> locations(String zone, int size) {
        return given().queryParams("zone", zone, "size", size).get("/api/locations")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void shall_generate_every_location_of_a_zone_with_codes_and_kinds() {
        String zone = Zones.next();
        given().contentType("application/json").body(layout(zone, 3, 4, 3, 0)).post("/api/layouts")
                .then().statusCode(201).header("Location", endsWith("/api/layouts/" + zone))
                .body("zone", equalTo(zone)).body("aisles", equalTo(3)).body("bays", equalTo(4))
                .body("levels", equalTo(3)).body("crossAisles", equalTo(0)).body("bayWidthM", equalTo(1.2f))
                .body("pickFaceLevels", equalTo(2)).body("locations", equalTo(36));

        List<Map<String, Object>> all = locations(zone, 500);
        assertEquals(36, all.size());
        Map<String, Object> bin = all.stream().filter(l -> l.get("code").equals(zone + "-02-03-1")).findFirst().orElseThrow();
        assertEquals("PICK_FACE", bin.get("kind"));
        assertEquals(2, bin.get("aisle"));
        assertEquals(3, bin.get("bay"));
        assertEquals(1, bin.get("level"));
        assertEquals(1, bin.get("position"));
        given().get("/api/locations/" + zone + "-03-04-3").then().statusCode(200).body("kind", equalTo("RESERVE"));
        given().get("/api/locations/" + zone + "-03-04-2").then().statusCode(200).body("kind", equalTo("PICK_FACE"));
        given().queryParams("zone", zone, "kind", "RESERVE").get("/api/locations").then().body("total", equalTo(12));
    }

    @Test
    void shall_number_the_pick_sequence_as_a_serpentine_walk() {
        String zone = Zones.next();
        given().contentType("application/json").body(layout(zone, 3, 3, 2, 0)).post("/api/layouts").then().statusCode(201);
        List<String> walk = locations(zone, 500).stream().map(l -> (String) l.get("code")).toList();
        String z = zone + "-";
        assertEquals(List.of(
                z + "01-01-1", z + "01-01-2", z + "01-02-1", z + "01-02-2", z + "01-03-1", z + "01-03-2",
                z + "02-03-1", z + "02-03-2", z + "02-02-1", z + "02-02-2", z + "02-01-1", z + "02-01-2",
                z + "03-01-1", z + "03-01-2", z + "03-02-1", z + "03-02-2", z + "03-03-1", z + "03-03-2"), walk);
        List<Integer> seq = locations(zone, 500).stream().map(l -> (Integer) l.get("pickSeq")).toList();
        for (int i = 0; i < seq.size(); i++) assertEquals(i + 1, seq.get(i));
    }

    @Test
    void shall_place_locations_where_the_layout_geometry_says() {
        String zone = Zones.next();
        given().contentType("application/json").body(layout(zone, 4, 10, 1, 1)).post("/api/layouts").then().statusCode(201);
        LayoutGeometry g = layouts.geometry(zone);
        assertEquals(new LayoutGeometry(4, 10, 1, 1.2, 3.0, 3.0, 0, 0), g);
        for (Map<String, Object> l : locations(zone, 500)) {
            int aisle = (Integer) l.get("aisle"), bay = (Integer) l.get("bay");
            assertEquals(g.aisleX(aisle), ((Number) l.get("x")).doubleValue(), 0.0005, (String) l.get("code"));
            assertEquals(g.bayY(bay), ((Number) l.get("y")).doubleValue(), 0.0005, (String) l.get("code"));
        }
        // bay 6 is the first of the back block: past the cross aisle
        JsonPath bin = given().get("/api/locations/" + zone + "-02-06-1").then().extract().jsonPath();
        assertEquals(3.0, bin.getDouble("x"), 0.0005);
        assertEquals(3.0 / 2 + 5 * 1.2 + 3.0 + 0.5 * 1.2, bin.getDouble("y"), 0.0005);
    }

    @Test
    void shall_list_and_get_layouts_with_their_location_count() {
        String zone = Zones.next();
        given().contentType("application/json").body(layout(zone, 2, 2, 3, 0)).post("/api/layouts").then().statusCode(201);
        given().get("/api/layouts/" + zone).then().statusCode(200).body("locations", equalTo(12))
                .body("pickFaceLevels", equalTo(2)).body("aislePitchM", equalTo(3.0f));
        given().get("/api/layouts").then().statusCode(200).body("zone", hasItem(zone));
        given().get("/api/layouts/ZZZ").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shall_refuse_a_zone_that_already_exists() {
        String zone = Zones.next();
        given().contentType("application/json").body(layout(zone, 1, 2, 1, 0)).post("/api/layouts").then().statusCode(201);
        given().contentType("application/json").body(layout(zone, 1, 2, 1, 0)).post("/api/layouts")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("zone"));
    }

    @Test
    void shall_refuse_bad_geometry_naming_each_field() {
        given().contentType("application/json")
                .body("{\"zone\":\"q1\",\"aisles\":0,\"bays\":100,\"levels\":2,\"bayWidthM\":-1,\"aislePitchM\":3,\"crossAisleM\":3}")
                .post("/api/layouts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("aisles", "bayWidthM", "bays", "zone"));
        given().contentType("application/json").body(layout(Zones.next(), 2, 3, 1, 3)).post("/api/layouts")
                .then().statusCode(400).body("errors[0].field", equalTo("crossAisles"));
        given().contentType("application/json").body(layout(Zones.next(), 2, 3, 1, 0).replace("\"pickFaceLevels\":1", "\"pickFaceLevels\":2"))
                .post("/api/layouts").then().statusCode(400).body("errors[0].field", equalTo("pickFaceLevels"));
    }

    @Test
    void shall_generate_two_thousand_locations_in_one_request() {
        String zone = Zones.next();
        given().contentType("application/json").body(layout(zone, 10, 25, 8, 1)).post("/api/layouts")
                .then().statusCode(201).body("locations", equalTo(2000));
        given().queryParams("zone", zone, "size", 1).get("/api/locations").then().body("total", equalTo(2000));
    }
}
