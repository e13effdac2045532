package io.surgewms.intake.channels;

import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Webhook rows and remembered deliveries past the retention are deleted; younger ones stay. */
@QuarkusTest
class WebhookRetentionTest {

    @Inject WebhookRetention retention;
    @ConfigProperty(name = "surge.channels.webhook.retention") Duration keep;
    @ConfigProperty(name = "surge.channels.webhook.purge.batch") int batch;

    @Test
    void shall_purge_webhooks_and_deliveries_older_than_the_retention_and_keep_the_rest() {
        Floor f = new Floor();
        String topic = "retention-" + f.zone; // this test's rows, whatever else the database holds
        Floor.sql("""
                insert into channel_account (shop_id, channel, account, secret, access_token, default_carrier, default_service, ship_within_hours)
                select id, 'shopify', ?, 's', 't', 'UPS', 'GROUND', 24 from shop where code = ?""", topic + ".myshopify.com", f.shop);
        long account = f.count("select id from channel_account where account = ?", topic + ".myshopify.com");
        // More old rows than one batch, so the purge has to go round; a few just inside the retention; a few new.
        Floor.sql("""
                insert into channel_webhook (channel, topic, signature_ok, outcome, body, received_at)
                select 'shopify', ?, false, 'UNAUTHORIZED', '', now() - interval '31 days' - g * interval '1 minute' from generate_series(1, ?) g""",
                topic, batch * 2 + 17);
        Floor.sql("""
                insert into channel_webhook (channel, topic, signature_ok, outcome, body, received_at)
                select 'shopify', ?, true, 'CREATED', '{}', now() - interval '29 days' from generate_series(1, 3)""", topic);
        Floor.sql("insert into channel_webhook (channel, topic, signature_ok, outcome, body) values ('shopify', ?, true, 'CREATED', '{}')", topic);
        Floor.sql("""
                insert into channel_webhook_delivery (account_id, delivery_id, received_at) values
                  (?, 'old-1', now() - interval '40 days'), (?, 'old-2', now() - interval '31 days'), (?, 'young', now() - interval '1 day')""",
                account, account, account);

        WebhookRetention.Purge p = retention.purge(Instant.now().minus(keep));

        assertEquals(0, f.count("select count(*) from channel_webhook where topic = ? and received_at < now() - interval '30 days'", topic));
        assertEquals(4, f.count("select count(*) from channel_webhook where topic = ?", topic));
        assertEquals("young", f.text("select string_agg(delivery_id, ',') from channel_webhook_delivery where account_id = ?", account));
        assertEquals(true, p.webhooks() >= batch * 2 + 17, "all old rows, over several batches: " + p);
        assertEquals(true, p.deliveries() >= 2, p.toString());
    }
}
