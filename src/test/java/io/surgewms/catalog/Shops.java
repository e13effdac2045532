package io.surgewms.catalog;

import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Test shops with codes no other test uses (all tests share one database). */
final class Shops {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    private Shops() {}

    static String uniqueCode(String prefix) {
        return prefix + "-" + RUN + "-" + NEXT.incrementAndGet();
    }

    /** Creates a shop through the API and returns its code. */
    static String create(String prefix) {
        String code = uniqueCode(prefix);
        given().contentType("application/json").body("{\"code\":\"" + code + "\",\"name\":\"Shop " + code + "\"}")
                .post("/api/shops").then().statusCode(201);
        return code;
    }
}
