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
 * time. Every webhook is recorded in channel_webhook with what was done with it, verified or not.
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
     */
    public CompletionStage<Outcome> receive(String domain, String topic, String hmac, byte[] body) {
        String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        ChannelAccount account = domain == null ? null : account(domain.trim().toLowerCase(java.util.Locale.ROOT));
        if (account == null)
            return done(record(401, null, topic, null, false, "UNAUTHORIZED", "no active Shopify account for shop domain " + domain, text, null));
        if (!verified(account.secret(), hmac, body == null ? new byte[0] : body))
            return done(record(401, account, topic, null, false, "UNAUTHORIZED",
                    hmac == null ? "X-Shopify-Hmac-Sha256 missing" : "X-Shopify-Hmac-Sha256 does not match the body", text, null));
        JsonNode order;
        try {
            order = json.readTree(text);
        } catch (java.io.IOException e) {
            return done(record(400, account, topic, null, true, "REJECTED", "body is not JSON: " + e.getMessage(), text, null));
        }
        if (order == null || !order.isObject()) return done(record(400, account, topic, null, true, "REJECTED", "body is not a JSON object", text, null));
        String id = ShopifyOrder.id(order);
        if ("orders/create".equals(topic)) return create(account, topic, order, id, text);
        if ("orders/cancelled".equals(topic)) return done(cancel(account, topic, id, text));
        return done(record(200, account, topic, id, true, "IGNORED", "topic not handled", text, null));
    }

    private CompletionStage<Outcome> create(ChannelAccount account, String topic, JsonNode order, String id, String text) {
        ShopifyOrder.Mapped m = ShopifyOrder.map(order, account, variant -> skuOfVariant(account.id(), variant));
        if (m.ignored() != null) return done(record(200, account, topic, id, true, "IGNORED", m.ignored(), text, null));
        // A Shopify order that cannot become an order is answered 200 and kept visible here: a 4xx would only make
        // Shopify retry the same body and, after repeated failures, drop the subscription.
        if (m.rejected() != null) return done(record(200, account, topic, id, true, "REJECTED", m.rejected(), text, null));
        return intake.submit(List.of(m.order())).thenApplyAsync(results -> {
            OrderResult r = results.get(0);
            if (r.outcome() == OrderResult.Outcome.REJECTED) {
                String why = r.problem() == null ? "rejected by intake" : r.problem().detail();
                int status = r.problem() != null && r.problem().status() >= 500 ? r.problem().status() : 200; // 5xx: Shopify sends it again
                return record(status, account, topic, id, true, "REJECTED", why, text, null);
            }
            return record(200, account, topic, id, true, r.outcome().name(), r.status(), text, r.orderId());
        }, workers);
    }

    private static CompletionStage<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    private Outcome cancel(ChannelAccount account, String topic, String id, String text) {
        ChannelCancellations.Result r = cancellations.cancel(account, "shopify", "Shopify", id, ACTOR);
        return record(200, account, topic, id, true, r.outcome(), r.detail(), text, r.orderId());
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

    private Outcome record(int status, ChannelAccount account, String topic, String remoteId, boolean signatureOk, String outcome,
                           String detail, String body, Long orderId) {
        long id = webhooks.record(account == null ? null : account.id(), "shopify", topic, remoteId, signatureOk, outcome, detail, body);
        return new Outcome(status, id, outcome, orderId, detail);
    }
}
