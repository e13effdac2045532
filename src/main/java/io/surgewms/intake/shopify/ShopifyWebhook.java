package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.surgewms.intake.OrderIntake;
import io.surgewms.intake.OrderResult;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelAccounts;
import io.surgewms.intake.channels.ChannelCancellations;
import io.surgewms.intake.channels.ChannelWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;

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
 * orders/create becomes an order through intake (idempotent on shop, shopify, order id); orders/cancelled
 * cancels the order unless it has shipped: then the cancel is REFUSED, recorded on the webhook and as an
 * order event (the parcel is gone; it comes back as a return).
 */
@ApplicationScoped
public class ShopifyWebhook {

    static final String ACTOR = "shopify";

    /** What happened to one webhook: the HTTP status to answer, the recorded outcome, the order it touched. */
    public record Outcome(int status, long webhook, String outcome, Long orderId, String detail) {}

    @Inject AgroalDataSource db;
    @Inject OrderIntake intake;
    @Inject ObjectMapper json;
    @Inject ChannelWebhooks webhooks;
    @Inject ChannelAccounts accounts;
    @Inject ChannelCancellations cancellations;
    @Inject ManagedExecutor workers;

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
        String orderId = ShopifyOrder.id(order);
        if ("orders/create".equals(topic)) return create(call, order, orderId);
        if ("orders/cancelled".equals(topic)) return done(cancel(call, orderId));
        return done(record(200, call, orderId, "IGNORED", "topic not handled", null));
    }

    /** One delivery as it came: the account its shop domain names, its topic and webhook id, whether its HMAC held. */
    private record Call(ChannelAccount account, String topic, String webhookId, boolean signatureOk, byte[] body) {}

    private CompletionStage<Outcome> create(Call call, JsonNode order, String id) {
        ChannelAccount account = call.account();
        ShopifyOrder.Mapped m = ShopifyOrder.map(order, account, variant -> skuOfVariant(account.id(), variant));
        if (m.ignored() != null) return done(record(200, call, id, "IGNORED", m.ignored(), null));
        // A Shopify order that cannot become an order is answered 200 and kept visible here: a 4xx would only make
        // Shopify retry the same body and, after repeated failures, drop the subscription.
        if (m.rejected() != null) return done(record(200, call, id, "REJECTED", m.rejected(), null));
        return intake.submit(List.of(m.order())).thenApplyAsync(results -> {
            OrderResult r = results.get(0);
            if (r.outcome() == OrderResult.Outcome.REJECTED) {
                String why = r.problem() == null ? "rejected by intake" : r.problem().detail();
                int status = r.problem() != null && r.problem().status() >= 500 ? r.problem().status() : 200; // 5xx: Shopify sends it again
                return record(status, call, id, "REJECTED", why, null);
            }
            return record(200, call, id, r.outcome().name(), r.status(), r.orderId());
        }, workers);
    }

    private static CompletionStage<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    private Outcome cancel(Call call, String id) {
        ChannelCancellations.Result r = cancellations.cancel(call.account(), "shopify", "Shopify", id, ACTOR);
        return record(200, call, id, r.outcome(), r.detail(), r.orderId());
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

    private String skuOfVariant(long accountId, String variant) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select p.sku from channel_sku m join product p on p.id = m.product_id where m.account_id = ? and m.channel_sku = ?")) {
            ps.setLong(1, accountId);
            ps.setString(2, variant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Logs the call; a verified delivery that was handled (not a 5xx, which Shopify retries and must be acted on then)
     * is remembered by its webhook id, after the work and not before: a crash in between means one more delivery
     * handled idempotently (the order is EXISTING), never one lost.
     */
    private Outcome record(int status, Call call, String remoteId, String outcome, String detail, Long orderId) {
        Long accountId = call.account() == null ? null : call.account().id();
        long row = webhooks.record(new ChannelWebhooks.Call("shopify", accountId, call.topic(), remoteId, call.webhookId(), call.signatureOk(),
                call.body()), outcome, detail);
        if (call.signatureOk() && call.webhookId() != null && status < 500 && !ChannelWebhooks.DUPLICATE.equals(outcome))
            webhooks.handled(accountId, call.webhookId());
        return new Outcome(status, row, outcome, orderId, detail);
    }
}
