package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A row being sent keeps its lease while the call lasts; a row no live sender holds comes back when its short lease ends. */
@QuarkusTest
class OutboxLeaseTest {

    @Inject OutboxSender sender;
    @Inject AgroalDataSource db;

    @Test
    void shall_renew_the_lease_of_a_row_being_sent_and_leave_the_others_alone() throws Exception {
        long sending = row("now() + interval '1 second'"), dead = row("now() + interval '1 second'"), later = row("now() + interval '10 minutes'");
        OutboxSender s = (OutboxSender) ClientProxy.unwrap(sender);
        s.inFlight.add(sending);
        s.inFlight.add(later);
        try {
            s.renewLeases();
        } finally {
            s.inFlight.remove(sending);
            s.inFlight.remove(later);
        }
        assertTrue(seconds(sending) > 13, "renewed to a whole lease from now: " + seconds(sending));
        assertTrue(seconds(dead) < 2, "no sender holds it: its lease runs out as it was");
        assertTrue(seconds(later) > 590, "a longer wait (a backoff) is never shortened");
        assertEquals(15, OutboxSender.LEASE.toSeconds(), "a crashed instance's rows come back within seconds");
        exec("update outbox set sent_at = now() where id in (" + sending + "," + dead + "," + later + ")"); // leave nothing for other tests
    }

    private long row(String nextAttempt) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into outbox (topic, key, payload, next_attempt) values ('stock.level', ?, '{\"quantity\": 1}'::jsonb, " + nextAttempt + ") returning id")) {
            ps.setString(1, "lease-test:" + UUID.randomUUID());
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        }
    }

    private double seconds(long id) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select extract(epoch from next_attempt - now()) from outbox where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getDouble(1); }
        }
    }

    private void exec(String sql) throws Exception {
        try (Connection c = db.getConnection()) { c.createStatement().executeUpdate(sql); }
    }
}
