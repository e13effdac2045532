package io.surgewms.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Makes sure the database exists (or says in one line why it cannot) before the service starts. */
@QuarkusMain
public class SurgeMain {

    public static void main(String... args) {
        try {
            DatabaseBootstrap.ensureDatabase(
                    DatabaseBootstrap.setting("SURGE_DB_URL", DatabaseBootstrap.DEFAULT_URL),
                    DatabaseBootstrap.setting("SURGE_DB_USER", "postgres"),
                    DatabaseBootstrap.setting("SURGE_DB_PASSWORD", ""));
        } catch (DatabaseBootstrap.NoDatabase e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        Quarkus.run(args);
    }
}
