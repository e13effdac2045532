package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.surgewms.intake.channels.ChannelAccount;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Shopify's webhooks: the account is the one whose shop domain sent it (X-Shopify-Shop-Domain);
 * X-Shopify-Hmac-Sha256 must be base64(HMAC-SHA256(account secret, raw body)), compared in constant
 * time. Every webhook is recorded in channel_webhook with what was done with it, verified or not.
 * orders/create becomes an order through intake (idempotent on shop, shopify, order id), held while one of its
 * fulfillment orders is on hold; orders/updated does the same for an order not seen yet, or cancels it when it
 * has cancelled_at; orders/cancelled cancels the order unless it has shipped: then the cancel is REFUSED, recorded
 * on the webhook and as an order event (the parcel is gone; it comes back as a return). The fulfillment-order
 * topics (hold, release, cancellation request) are {@link ShopifyFulfillmentOrderEvents}. What each does to the
 * order is {@link ShopifyOrders}.
 */
@ApplicationScoped
public class ShopifyWebhook {

    /** What happened to one webhook: the HTTP status to answer, the recorded outcome, the order it touched. */
    public record Outcome(int status, long webhook, String outcome, Long orderId, String detail) {}

    @Inject AgroalDataSource db;
    @Inject ObjectMapper json;
    @Inject ChannelWebhooks webhooks;
    @Inject ShopifyOrders orders;
    @Inject ShopifyFulfillmentOrderEvents fulfillmentOrders;

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
        return dispatch(account, topic, order, text);
    }

    /** Each topic to what it changes; the record says what was done. */
    private CompletionStage<Outcome> dispatch(ChannelAccount account, String topic, JsonNode body, String text) {
        String id = ShopifyOrder.id(body);
        if ("orders/create".equals(topic)) return orders.take(account, body).thenApply(d -> record(account, topic, id, text, d));
        if ("orders/cancelled".equals(topic)) return done(record(account, topic, id, text, orders.cancel(account, id)));
        if ("orders/updated".equals(topic)) {
            // An update can be the first Surge hears of an order (a create missed or still on its way): taken like a create.
            if (ShopifyOrder.text(body, "cancelled_at") != null) return done(record(account, topic, id, text, orders.cancel(account, id)));
            return orders.take(account, body).thenApply(d -> record(account, topic, id, text, d));
        }
        if (ShopifyFulfillmentOrderEvents.handles(topic)) {
            ShopifyFulfillmentOrderEvents.Handled h = fulfillmentOrders.handle(account, topic, body);
            return done(record(account, topic, h.remoteId(), text, h.done()));
        }
        return done(record(200, account, topic, id, true, "IGNORED", "topic not handled", text, null));
    }

    private static CompletionStage<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    private Outcome record(ChannelAccount account, String topic, String remoteId, String text, ShopifyOrders.Done d) {
        return record(d.status(), account, topic, remoteId, true, d.outcome(), d.detail(), text, d.orderId());
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

    private ChannelAccount account(String domain) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select a.id, a.shop_id, s.code, a.channel, a.account, a.app_key, a.secret, a.access_token, a.base_url,
                       a.default_carrier, a.default_service, a.ship_within_hours, a.active
                  from channel_account a join shop s on s.id = a.shop_id
                 where a.channel = 'shopify' and lower(a.account) = ? and a.active""")) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new ChannelAccount(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getInt(12), rs.getBoolean(13));
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
