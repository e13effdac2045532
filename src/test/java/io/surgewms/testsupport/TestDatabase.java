package io.surgewms.testsupport;

import io.surgewms.platform.DatabaseBootstrap;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Creates the test database (SURGE_TEST_DB_URL, default surge_test on the local server) before
 * any test starts, so `./mvnw verify` needs nothing but a running PostgreSQL.
 */
public class TestDatabase implements LauncherSessionListener {

    public static final String URL = DatabaseBootstrap.setting("SURGE_TEST_DB_URL",
            "jdbc:postgresql://127.0.0.1:5432/surge_test");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            DatabaseBootstrap.ensureDatabase(URL, DatabaseBootstrap.setting("SURGE_DB_USER", "postgres"),
                    DatabaseBootstrap.setting("SURGE_DB_PASSWORD", ""));
        } catch (DatabaseBootstrap.NoDatabase e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
