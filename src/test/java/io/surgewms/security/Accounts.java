package io.surgewms.security;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Users made through the admin API (signed by the suite's admin key) and signed in through the sign-in API. */
final class Accounts {
    private Accounts() {}

    static final String PASSWORD = "correct horse battery";

    /** A signed-in browser: its session cookie and CSRF token. */
    record Session(String user, String cookie, String csrf) {
        RequestSpecification as() {
            return given().cookie(SurgeAuthMechanism.SESSION_COOKIE, cookie).header("X-CSRF-Token", csrf);
        }
    }

    static String user(String role, String... shops) {
        String name = (role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "password", PASSWORD, "roles", List.of(role)));
        if (shops.length > 0) body.put("shops", List.of(shops));
        given().contentType(ContentType.JSON).body(body).post("/api/users").then().statusCode(201);
        return name;
    }

    static Session signIn(String user) {
        Response r = given().contentType(ContentType.JSON).body(Map.of("username", user, "password", PASSWORD)).post("/api/auth/login");
        r.then().statusCode(200);
        return new Session(user, r.getCookie(SurgeAuthMechanism.SESSION_COOKIE), r.getCookie(SurgeAuthMechanism.CSRF_COOKIE));
    }

    static Session as(String role, String... shops) {
        return signIn(user(role, shops));
    }

    /** A shop's API key with these scopes; the key itself. */
    static String shopKey(String shop, String... scopes) {
        return given().contentType(ContentType.JSON).body(Map.of("shop", shop, "name", "test key", "scopes", List.of(scopes)))
                .post("/api/api-keys").then().statusCode(201).extract().path("key");
    }
}
