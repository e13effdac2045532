package io.surgewms.platform;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Finds the PostgreSQL server before Quarkus starts and creates the service's database if it is
 * missing, so a newcomer's first start needs no manual step. Reads the same settings as
 * application.properties: SURGE_DB_URL, SURGE_DB_USER, SURGE_DB_PASSWORD (env or system property).
 */
public final class DatabaseBootstrap {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/surge";

    /** Raised when no server answers: carries the one line a person needs to read. */
    public static final class NoDatabase extends RuntimeException {
        public NoDatabase(String message) { super(message, null, false, false); }
    }

    private DatabaseBootstrap() {}

    public static String setting(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public static void ensureDatabase(String url, String user, String password) {
        try (Connection ignored = connect(url, user, password)) {
            return;
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) throw explain(url, e); // 3D000: database does not exist
        }
        String name = databaseName(url);
        String adminUrl = url.replaceFirst("/" + java.util.regex.Pattern.quote(name) + "(\\?|$)", "/postgres$1");
        try (Connection c = connect(adminUrl, user, password)) {
            c.createStatement().execute("create database \"" + name.replace("\"", "") + "\"");
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) throw explain(url, e); // 42P04: created meanwhile
        }
    }

    static String databaseName(String url) {
        String rest = url.substring(url.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        if (slash < 0) throw new NoDatabase("SURGE_DB_URL must name a database, e.g. " + DEFAULT_URL);
        String name = rest.substring(slash + 1);
        int q = name.indexOf('?');
        return q >= 0 ? name.substring(0, q) : name;
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, p);
    }

    private static NoDatabase explain(String url, SQLException e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String where = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        if (root instanceof ConnectException || "08001".equals(e.getSQLState())) {
            return new NoDatabase("Surge WMS needs PostgreSQL and none answers at " + where
                    + ": install it (apt-get install postgresql), or run `docker compose -f docker/compose.yml up -d db` and set SURGE_DB_PASSWORD=surge, or point SURGE_DB_URL at one.");
        }
        return new NoDatabase("Surge WMS cannot use PostgreSQL at " + where + ": " + e.getMessage().split("\n")[0]
                + " (check SURGE_DB_URL, SURGE_DB_USER, SURGE_DB_PASSWORD).");
    }
}
