package io.surgewms.platform;

import io.surgewms.testsupport.Floor;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseBootstrapTest {

    @Test
    void shall_create_a_missing_database_and_leave_an_existing_one_alone() throws Exception {
        String name = "surge_boot_" + UUID.randomUUID().toString().substring(0, 8);
        String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
        try {
            DatabaseBootstrap.ensureDatabase(url, "postgres", "");
            DatabaseBootstrap.ensureDatabase(url, "postgres", ""); // second start: nothing to do
            try (var c = DriverManager.getConnection(url, "postgres", "")) {
                assertTrue(c.isValid(2));
            }
        } finally {
            Floor.sqlOn("jdbc:postgresql://127.0.0.1:5432/postgres", "drop database if exists " + name);
        }
    }

    @Test
    void shall_explain_in_one_line_when_no_server_answers() {
        var e = assertThrows(DatabaseBootstrap.NoDatabase.class,
                () -> DatabaseBootstrap.ensureDatabase("jdbc:postgresql://127.0.0.1:1/surge", "postgres", ""));
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().startsWith("Surge WMS needs PostgreSQL and none answers at 127.0.0.1:1"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install postgresql"));
        assertTrue(e.getMessage().contains("docker/compose.yml"));
        assertEquals(0, e.getStackTrace().length, "printed without a stack trace");
    }
}
