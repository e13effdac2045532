package io.surgewms.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/**
 * Every API call of a test is signed with the suite's admin key (the test profile installs it:
 * surge.security.admin-key), so tests of other features need not sign in. Security tests clear
 * {@code RestAssured.requestSpecification} in their own @BeforeEach, which runs after this.
 */
public class SignedIn implements QuarkusTestBeforeEachCallback {

    public static final String ADMIN_KEY = "sk_test_admin_key_for_the_test_suite_only_0001";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        asAdmin();
    }

    public static void asAdmin() {
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + ADMIN_KEY).build();
    }
}
