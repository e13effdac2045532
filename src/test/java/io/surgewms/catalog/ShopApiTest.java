package io.surgewms.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ShopApiTest {

    @Test
    void shall_create_a_shop_and_find_it_by_code() {
        String code = Shops.uniqueCode("glow");
        given().contentType("application/json").body("{\"code\":\"" + code + "\",\"name\":\"Glow Lab\"}")
                .post("/api/shops")
                .then().statusCode(201)
                .header("Location", endsWith("/api/shops/" + code))
                .body("id", notNullValue()).body("code", equalTo(code)).body("name", equalTo("Glow Lab"))
                .body("createdAt", notNullValue());
        given().get("/api/shops/" + code).then().statusCode(200).body("name", equalTo("Glow Lab"));
        given().queryParam("size", 500).get("/api/shops").then().statusCode(200)
                .body("items.code", hasItem(code)).body("page", equalTo(0)).body("size", equalTo(500))
                .body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void shall_refuse_a_second_shop_with_the_same_code() {
        String code = Shops.create("dup");
        given().contentType("application/json").body("{\"code\":\"" + code + "\",\"name\":\"Again\"}")
                .post("/api/shops")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
    }

    @Test
    void shall_refuse_a_shop_code_with_capitals_or_spaces_naming_the_field() {
        given().contentType("application/json").body("{\"code\":\"Glow Lab\",\"name\":\"Glow Lab\"}")
                .post("/api/shops")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"))
                .body("errors[0].reason", equalTo("must be 2-32 of lowercase letters, digits and '-'"));
    }

    @Test
    void shall_answer_404_problem_for_an_unknown_shop() {
        given().get("/api/shops/no-such-shop").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void shall_refuse_a_page_size_out_of_range() {
        given().queryParam("size", 501).get("/api/shops").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }
}
