package io.surgewms.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Every API call of a test is signed with the suite's admin key (the test profile installs it:
 * surge.security.admin-key) unless the call names its own credentials (an Authorization or X-Api-Key
 * header, or a session cookie), so tests of other features need not sign in. Security tests call
 * {@link #anonymous()} to send calls with no credentials at all.
 */
public class SignedIn implements QuarkusTestBeforeEachCallback {

    public static final String ADMIN_KEY = "sk_test_admin_key_for_the_test_suite_only_0001";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private static volatile boolean sign = true;

    private static final Filter ADMIN = (req, res, ctx) -> {
        boolean own = req.getHeaders().hasHeaderWithName("Authorization") || req.getHeaders().hasHeaderWithName("X-Api-Key")
                || req.getCookies().hasCookieWithName("surge_session");
        if (sign && !own) req.header("Authorization", "Bearer " + ADMIN_KEY);
        return ctx.next(req, res);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        asAdmin();
    }

    /** Calls without their own credentials go as the suite's admin (the default). */
    public static void asAdmin() {
        sign = true;
        if (!RestAssured.filters().contains(ADMIN)) RestAssured.filters(ADMIN);
    }

    /** Calls without their own credentials go with none. */
    public static void anonymous() {
        asAdmin();
        sign = false;
    }
}
