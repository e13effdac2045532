package io.surgewms.layout;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class LocationApiTest {

    private static final String HEADER = "code,kind,zone,aisle,bay,level,position,x,y,pick_seq\n";

    @Test
    void shall_create_a_free_coded_location_and_find_it() {
        String code = "TOTE-" + Zones.next();
        given().contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"kind\":\"TOTE\",\"zone\":\"TOTES\",\"x\":1.5,\"y\":-2,\"pickSeq\":0}")
                .post("/api/locations")
                .then().statusCode(201).header("Location", endsWith("/api/locations/" + code))
                .body("code", equalTo(code)).body("kind", equalTo("TOTE")).body("zone", equalTo("TOTES"))
                .body("x", equalTo(1.5f)).body("y", equalTo(-2.0f)).body("active", equalTo(true));
        given().get("/api/locations/" + code).then().statusCode(200).body("kind", equalTo("TOTE"));
    }

    @Test
    void shall_read_zone_aisle_bay_and_level_from_a_rack_code() {
        String zone = Zones.next();
        given().contentType("application/json").body("{\"code\":\"" + zone + "-07-11-3\",\"kind\":\"RESERVE\",\"pickSeq\":5}")
                .post("/api/locations")
                .then().statusCode(201).body("zone", equalTo(zone)).body("aisle", equalTo(7)).body("bay", equalTo(11))
                .body("level", equalTo(3)).body("position", equalTo(1));
    }

    @Test
    void shall_refuse_fields_that_contradict_the_rack_code() {
        String zone = Zones.next();
        given().contentType("application/json").body("{\"code\":\"" + zone + "-07-11-3\",\"kind\":\"RESERVE\",\"aisle\":8}")
                .post("/api/locations")
                .then().statusCode(400).body("errors[0].field", equalTo("aisle"));
    }

    @Test
    void shall_refuse_a_malformed_code_or_kind_naming_the_field() {
        given().contentType("application/json").body("{\"code\":\"A-3-12-2\",\"kind\":\"PICK_FACE\"}").post("/api/locations")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        given().contentType("application/json").body("{\"code\":\"TOTE-9\",\"kind\":\"SHELF\",\"zone\":\"T\"}").post("/api/locations")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("kind"));
        given().contentType("application/json").body("{\"code\":\"TOTE-9\",\"kind\":\"TOTE\"}").post("/api/locations")
                .then().statusCode(400).body("errors[0].field", equalTo("zone"));
    }

    @Test
    void shall_refuse_a_code_that_is_taken() {
        String code = "STAGE-" + Zones.next();
        String body = "{\"code\":\"" + code + "\",\"kind\":\"STAGING\",\"zone\":\"OUT\"}";
        given().contentType("application/json").body(body).post("/api/locations").then().statusCode(201);
        given().contentType("application/json").body(body).post("/api/locations")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("code"));
    }

    @Test
    void shall_answer_404_problem_for_an_unknown_location() {
        given().get("/api/locations/NOWHERE-1").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shall_list_locations_in_pick_sequence_then_code() {
        String zone = Zones.next();
        String csv = HEADER
                + zone + "-01-02-1,PICK_FACE,,,,,,,,2\n"
                + zone + "-01-01-2,PICK_FACE,,,,,,,,1\n"
                + zone + "-01-01-1,PICK_FACE,,,,,,,,1\n"
                + zone + "-02-01-1,RESERVE,,,,,,,,3\n";
        given().contentType("text/csv").body(csv).post("/api/locations/import").then().statusCode(200).body("imported", equalTo(4));
        String z = zone + "-";
        given().queryParam("zone", zone).get("/api/locations").then()
                .body("items.code", contains(z + "01-01-1", z + "01-01-2", z + "01-02-1", z + "02-01-1"));
        given().queryParams("zone", zone, "aisle", 1, "kind", "PICK_FACE").get("/api/locations").then().body("total", equalTo(3));
        given().queryParams("q", z.toLowerCase() + "02").get("/api/locations").then().body("items.code", contains(z + "02-01-1"));
        given().queryParams("zone", zone, "kind", "SHELF").get("/api/locations").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
    }

    @Test
    void shall_import_locations_from_csv_reporting_the_bad_row_and_writing_nothing_of_it() {
        String zone = Zones.next();
        String csv = HEADER
                + zone + "-01-01-1,PICK_FACE,,,,,,0,1.8,1\n"
                + zone + "-1-1-1,PICK_FACE,,,,,,,,2\n"          // malformed rack code
                + "TOTE-" + zone + ",TOTE,TOTES,,,,,,,\n"
                + "CART-" + zone + ",WAGON,CARTS,,,,,,,\n"      // unknown kind
                + "DOCK-" + zone + ",DOCK,DOCKS,,,,,x1,,\n";   // not a number
        given().contentType("text/csv").body(csv).post("/api/locations/import")
                .then().statusCode(200).body("imported", equalTo(2)).body("updated", equalTo(0))
                .body("rejected.row", contains(2, 4, 5)).body("rejected.field", contains("code", "kind", "x"));
        given().get("/api/locations/CART-" + zone).then().statusCode(404);
        given().get("/api/locations/" + zone + "-01-01-1").then().body("y", equalTo(1.8f)).body("pickSeq", equalTo(1));

        String again = HEADER + zone + "-01-01-1,RESERVE,,,,,,0,1.8,9\n" + zone + "-01-01-1,RESERVE,,,,,,,,10\n";
        given().contentType("text/csv").body(again).post("/api/locations/import")
                .then().statusCode(200).body("imported", equalTo(0)).body("updated", equalTo(1))
                .body("rejected", hasSize(1)).body("rejected[0].row", equalTo(2)).body("rejected[0].field", equalTo("code"));
        given().get("/api/locations/" + zone + "-01-01-1").then().body("kind", equalTo("RESERVE")).body("pickSeq", equalTo(9));
    }

    @Test
    void shall_answer_a_wrong_content_type_with_a_problem() {
        given().contentType("application/xml").body("<location/>").post("/api/locations/import")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType("application/json").body("[1,2").post("/api/locations")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
