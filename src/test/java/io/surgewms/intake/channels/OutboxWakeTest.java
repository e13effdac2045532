package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.inventory.stocksync.StockLevelsQueued;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stock levels go out when the stock sync says it queued them, not at the sender's next tick. */
@QuarkusTest
class OutboxWakeTest {

    @Inject OutboxSender sender;
    @Inject Event<StockLevelsQueued> queued;
    @Inject AgroalDataSource db;
    @Inject Scheduler scheduler;

    @Test
    void shall_send_queued_stock_levels_when_the_stock_sync_says_so_with_every_tick_paused() throws Exception {
        long row = level();
        OutboxSender s = (OutboxSender) ClientProxy.unwrap(sender);
        scheduler.pause(); // no tick can send it: only the wake
        s.enabled = true;
        try {
            queued.fire(new StockLevelsQueued(1, 0));
            String[] sent = null;
            for (int i = 0; i < 200 && (sent == null || sent[0] == null); i++) {
                Thread.sleep(50);
                sent = sent(row);
            }
            assertNotNull(sent[0], "sent after the wake");
            assertTrue(sent[1].startsWith("nothing to send"), "a row with no account is marked sent with why: " + sent[1]);
        } finally {
            s.enabled = false;
            scheduler.resume();
        }
    }

    @Test
    void shall_send_nothing_on_a_wake_while_the_sender_is_switched_off() throws Exception {
        long row = level();
        queued.fire(new StockLevelsQueued(1, 0));
        Thread.sleep(300);
        assertNull(sent(row)[0], "switched off: the row waits");
        exec("update outbox set sent_at = now() where id = " + row); // leave nothing for other tests
    }

    /** An unsent stock level with no account: the sender marks it sent ("nothing to send") without calling anyone. */
    private long level() throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into outbox (topic, key, payload) values ('stock.level', ?, '{\"quantity\": 3}'::jsonb) returning id")) {
            ps.setString(1, "wake-test:" + UUID.randomUUID());
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        }
    }

    private String[] sent(long row) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select sent_at::text, last_error from outbox where id = ?")) {
            ps.setLong(1, row);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return new String[] {rs.getString(1), rs.getString(2)}; }
        }
    }

    private void exec(String sql) throws Exception {
        try (Connection c = db.getConnection()) { c.createStatement().executeUpdate(sql); }
    }
}
