package io.surgewms.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.surgewms.testsupport.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-in by password and by badge + PIN, lockout, sessions, CSRF, sign-out, and secrets kept out of answers and logs. */
@QuarkusTest
class SignInTest {

    @AfterEach
    void admin() {
        SignedIn.asAdmin();
    }

    static Response login(String user, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password)).post("/api/auth/login");
    }

    @Test
    void shall_sign_in_with_a_password_into_a_session_that_sign_out_ends() {
        String user = Accounts.user("SUPERVISOR");
        SignedIn.anonymous();
        given().get("/api/board").then().statusCode(401).contentType("application/problem+json");
        Response r = login(user, Accounts.PASSWORD);
        r.then().statusCode(200).body("username", equalTo(user));
        String cookie = r.getCookie(SurgeAuthMechanism.SESSION_COOKIE), csrf = r.getCookie(SurgeAuthMechanism.CSRF_COOKIE);
        assertTrue(r.getDetailedCookie(SurgeAuthMechanism.SESSION_COOKIE).isHttpOnly(), "the session cookie is out of scripts' reach");
        assertEquals("Strict", r.getDetailedCookie(SurgeAuthMechanism.SESSION_COOKIE).getSameSite());
        assertFalse(r.getDetailedCookie(SurgeAuthMechanism.CSRF_COOKIE).isHttpOnly(), "the page reads the CSRF token");

        Accounts.Session s = new Accounts.Session(user, cookie, csrf);
        s.as().get("/api/auth/me").then().statusCode(200).body("username", equalTo(user)).body("roles", hasItem("SUPERVISOR"));
        s.as().get("/api/board").then().statusCode(200);
        // A change needs the CSRF token: the same cookie without it is refused, with it accepted.
        given().cookie(SurgeAuthMechanism.SESSION_COOKIE, cookie).contentType(ContentType.JSON).body(Map.of("code", "CSRF-" + user, "kind", "STANDARD"))
                .post("/api/packing/stations").then().statusCode(403).body("title", containsString("CSRF"));
        s.as().contentType(ContentType.JSON).body(Map.of("code", "CSRF-" + user.toUpperCase(), "kind", "STANDARD"))
                .post("/api/packing/stations").then().statusCode(201);

        s.as().post("/api/auth/logout").then().statusCode(204);
        s.as().get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void shall_throttle_then_lock_after_repeated_failures_and_say_so() {
        String user = Accounts.user("PICKER");
        SignedIn.anonymous();
        for (int i = 0; i < 3; i++) login(user, "wrong password " + i).then().statusCode(401).body("detail", equalTo("Wrong username or password"));
        // The third failure locked the account: even the right password waits now.
        login(user, Accounts.PASSWORD).then().statusCode(429).body("detail", containsString("try again in"));
        login("nobody-" + user, "whatever").then().statusCode(401).body("detail", equalTo("Wrong username or password"));

        SignedIn.asAdmin();
        // A supervisor's new password clears the lock.
        given().contentType(ContentType.JSON).body(Map.of("password", "a brand new password")).put("/api/users/" + user).then().statusCode(200);
        SignedIn.anonymous();
        login(user, "a brand new password").then().statusCode(200);
        SignedIn.asAdmin();
        List<String> actions = given().queryParam("actor", user).get("/api/audit").then().statusCode(200).extract().path("action");
        assertTrue(actions.containsAll(List.of("signin", "signin.locked", "signin.failure")), actions.toString());
    }

    @Test
    void shall_sign_in_a_picker_by_badge_and_pin() {
        String user = "badge-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String badge = "BDG-" + user.substring(6).toUpperCase();
        given().contentType(ContentType.JSON).body(Map.of("username", user, "roles", List.of("PICKER"), "badge", badge, "pin", "4711"))
                .post("/api/users").then().statusCode(201).body("badge", equalTo(badge)).body("hasPin", equalTo(true)).body("hasPassword", equalTo(false));
        SignedIn.anonymous();
        given().contentType(ContentType.JSON).body(Map.of("badge", badge, "pin", "0000")).post("/api/auth/badge")
                .then().statusCode(401).body("detail", equalTo("Unknown badge or wrong PIN"));
        Response r = given().contentType(ContentType.JSON).body(Map.of("badge", badge, "pin", "4711")).post("/api/auth/badge");
        r.then().statusCode(200).body("username", equalTo(user));
        Accounts.Session s = new Accounts.Session(user, r.getCookie(SurgeAuthMechanism.SESSION_COOKIE), r.getCookie(SurgeAuthMechanism.CSRF_COOKIE));
        s.as().get("/api/auth/me").then().statusCode(200).body("roles", equalTo(List.of("PICKER")));
        // A picker acts as themselves only, and is kept off the supervisor's endpoints.
        s.as().contentType(ContentType.JSON).body(Map.of("picker", "someone-else")).post("/api/picking/claim").then().statusCode(403);
        s.as().get("/api/board").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shall_never_show_or_log_a_password_pin_or_key() throws Exception {
        String secretPassword = "pw-" + java.util.UUID.randomUUID();
        String user = "quiet-" + secretPassword.substring(3, 11);
        given().contentType(ContentType.JSON).body(Map.of("username", user, "password", secretPassword, "roles", List.of("ADMIN"),
                "badge", "Q-" + secretPassword.substring(3, 11), "pin", "97531")).post("/api/users").then().statusCode(201);
        String users = given().get("/api/users").then().statusCode(200).extract().asString();
        String key = Accounts.shopKey(given().get("/api/shops").then().extract().path("items[0].code"), "orders:read");
        String keys = given().get("/api/api-keys").then().statusCode(200).extract().asString();
        SignedIn.anonymous();
        login(user, secretPassword + "x").then().statusCode(401);
        login(user, secretPassword).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("badge", "Q-" + secretPassword.substring(3, 11), "pin", "97531")).post("/api/auth/badge").then().statusCode(200);
        given().header("Authorization", "Bearer " + key).get("/api/orders").then().statusCode(200);
        SignedIn.asAdmin();
        String audit = given().get("/api/audit?limit=1000").then().statusCode(200).extract().asString();

        Path log = Path.of("target/surge-test.log");
        assertTrue(Files.exists(log), "the test profile logs to target/surge-test.log");
        String logged = Files.readString(log);
        for (String where : List.of(users, keys, audit, logged)) {
            assertFalse(where.contains(secretPassword), "a password leaked");
            assertFalse(where.contains("97531"), "a PIN leaked");
            assertFalse(where.contains(key), "an API key leaked");
            assertFalse(where.contains("$2a$") || where.contains("$2y$"), "a bcrypt hash leaked");
        }
        assertNotNull(key);
        assertTrue(key.startsWith("sk_") && key.length() > 40);
    }
}
