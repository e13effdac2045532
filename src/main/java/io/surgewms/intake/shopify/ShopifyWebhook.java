package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelAccounts;
import io.surgewms.intake.channels.ChannelWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Shopify's webhooks: the account is the one whose shop domain sent it (X-Shopify-Shop-Domain);
 * X-Shopify-Hmac-Sha256 must be base64(HMAC-SHA256(account secret, raw body)), compared in constant
 * time. Every webhook is recorded in channel_webhook with what was done with it, verified or not (an unverified
 * one with its length, hash and first KB only).
 * orders/create becomes an order through intake (idempotent on shop, shopify, order id), held while one of its
 * fulfillment orders is on hold; orders/updated does the same for an order not seen yet, or cancels it when it
 * has cancelled_at; orders/cancelled cancels the order unless it has shipped: then the cancel is REFUSED, recorded
 * on the webhook and as an order event (the parcel is gone; it comes back as a return). The fulfillment-order
 * topics (hold, release, cancellation request) are {@link ShopifyFulfillmentOrderEvents}. What each does to the
 * order is {@link ShopifyOrders}.
 */
@ApplicationScoped
public class ShopifyWebhook {

    static final String ACTOR = "shopify";

    /** What happened to one webhook: the HTTP status to answer, the recorded outcome, the order it touched. */
    public record Outcome(int status, long webhook, String outcome, Long orderId, String detail) {}

    @Inject ObjectMapper json;
    @Inject ChannelWebhooks webhooks;
    @Inject ChannelAccounts accounts;
    @Inject ShopifyOrders orders;
    @Inject ShopifyFulfillmentOrderEvents fulfillmentOrders;

    /**
     * The outcome once the order is committed. The wait for the intake writer's group commit holds no worker thread:
     * under a spike the 8 workers all sat in that wait and the floor's handheld scans queued behind them (p99 530 ms).
     * A delivery whose X-Shopify-Webhook-Id was handled before for the shop is answered 200 DUPLICATE and not acted on
     * again: Shopify re-delivers with the same id and expects idempotence, not an error.
     */
    public CompletionStage<Outcome> receive(String domain, String topic, String hmac, String webhookId, byte[] raw) {
        byte[] body = raw == null ? new byte[0] : raw;
        String id = webhookId == null || webhookId.isBlank() ? null : webhookId.trim();
        ChannelAccount account = domain == null ? null : account(domain.trim().toLowerCase(java.util.Locale.ROOT));
        if (account == null)
            return done(record(401, new Call(null, topic, id, false, body), null, ChannelWebhooks.UNAUTHORIZED,
                    "no active Shopify account for shop domain " + domain, null));
        if (!verified(account.secret(), hmac, body))
            return done(record(401, new Call(account, topic, id, false, body), null, ChannelWebhooks.UNAUTHORIZED,
                    hmac == null ? "X-Shopify-Hmac-Sha256 missing" : "X-Shopify-Hmac-Sha256 does not match the body", null));
        Call call = new Call(account, topic, id, true, body);
        if (id != null && webhooks.seen(account.id(), id))
            return done(record(200, call, null, ChannelWebhooks.DUPLICATE, "duplicate, ignored: webhook " + id + " was handled before", null));
        JsonNode order;
        try {
            order = json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return done(record(400, call, null, "REJECTED", "body is not JSON: " + e.getMessage(), null));
        }
        if (order == null || !order.isObject()) return done(record(400, call, null, "REJECTED", "body is not a JSON object", null));
        return dispatch(call, order);
    }

    /** One delivery as it came: the account its shop domain names, its topic and webhook id, whether its HMAC held. */
    private record Call(ChannelAccount account, String topic, String webhookId, boolean signatureOk, byte[] body) {}

    /** Each topic to what it changes; the record says what was done. */
    private CompletionStage<Outcome> dispatch(Call call, JsonNode body) {
        ChannelAccount account = call.account();
        String topic = call.topic(), id = ShopifyOrder.id(body);
        if ("orders/create".equals(topic)) return orders.take(account, body).thenApply(d -> record(call, id, d));
        if ("orders/cancelled".equals(topic)) return done(record(call, id, orders.cancel(account, id)));
        if ("orders/updated".equals(topic)) {
            // An update can be the first Surge hears of an order (a create missed or still on its way): taken like a create.
            if (ShopifyOrder.text(body, "cancelled_at") != null) return done(record(call, id, orders.cancel(account, id)));
            return orders.take(account, body).thenApply(d -> record(call, id, d));
        }
        if (ShopifyFulfillmentOrderEvents.handles(topic)) {
            ShopifyFulfillmentOrderEvents.Handled h = fulfillmentOrders.handle(account, topic, body);
            return done(record(call, h.remoteId(), h.done()));
        }
        return done(record(200, call, id, "IGNORED", "topic not handled", null));
    }

    private static CompletionStage<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    static boolean verified(String secret, String hmac, byte[] body) {
        if (hmac == null || hmac.isBlank() || secret == null) return false;
        byte[] sent;
        try {
            sent = Base64.getDecoder().decode(hmac.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body), sent); // constant time
    }

    static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Through ChannelAccounts: the secret is sealed at rest and only it opens it. */
    private ChannelAccount account(String domain) {
        return accounts.active("shopify", domain);
    }

    /**
     * Logs the call; a verified delivery that was handled (not a 5xx, which Shopify retries and must be acted on then)
     * is remembered by its webhook id, after the work and not before: a crash in between means one more delivery
     * handled idempotently (the order is EXISTING), never one lost.
     */
    private Outcome record(Call call, String remoteId, ShopifyOrders.Done d) {
        return record(d.status(), call, remoteId, d.outcome(), d.detail(), d.orderId());
    }

    private Outcome record(int status, Call call, String remoteId, String outcome, String detail, Long orderId) {
        Long accountId = call.account() == null ? null : call.account().id();
        long row = webhooks.record(new ChannelWebhooks.Call("shopify", accountId, call.topic(), remoteId, call.webhookId(), call.signatureOk(),
                call.body()), outcome, detail);
        if (call.signatureOk() && call.webhookId() != null && status < 500 && !ChannelWebhooks.DUPLICATE.equals(outcome))
            webhooks.handled(accountId, call.webhookId());
        return new Outcome(status, row, outcome, orderId, detail);
    }
}
