package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.intake.OrderIntake;
import io.surgewms.intake.OrderRequest;
import io.surgewms.intake.OrderResult;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelAccounts;
import io.surgewms.intake.channels.ChannelCancellations;
import io.surgewms.intake.channels.ChannelWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A TikTok Shop webhook, start to end: find the account by the shop id it names, verify its signature
 * (nothing else happens when it is wrong), fetch the order from TikTok (the notification only says
 * that something changed), then take an order awaiting shipment, cancel a cancelled one that has not
 * shipped, refuse (visibly) a cancellation of one that has, and ignore the rest. Every call is logged
 * in channel_webhook with its outcome.
 */
@ApplicationScoped
public class TikTokOrders {

    private static final Logger LOG = Logger.getLogger(TikTokOrders.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Notification types TikTok Shop sends (Partner Center, webhooks): the two about orders. */
    static final int ORDER_STATUS_CHANGE = 1, CANCELLATION_STATUS_CHANGE = 11;

    @Inject ChannelAccounts accounts;
    @Inject ChannelWebhooks webhooks;
    @Inject ChannelCancellations cancellations;
    @Inject TikTokClient tiktok;
    @Inject OrderIntake intake;
    @Inject ManagedExecutor workers;

    /** What a webhook came to: its log row, outcome, and the Surge order it touched, if any. */
    public record Outcome(long webhook, String outcome, String detail, Long orderId, int status) {}

    /**
     * How far a notification's {@code timestamp} may be from now, either way: a signed notification
     * captured and sent again later is refused, while TikTok's own retries (minutes apart) still pass.
     */
    @ConfigProperty(name = "surge.channels.tiktok.webhook-window", defaultValue = "5M") Duration window;

    /**
     * The outcome once the order (if any) is committed. Like Shopify's webhook, the wait for the intake writer's group
     * commit holds no worker thread; the fetch from TikTok before it does, as the client is blocking. The signature is
     * checked over the exact bytes received; the text is read only to find the account and the order.
     */
    public CompletionStage<Outcome> receive(String signature, byte[] raw) {
        byte[] body = raw == null ? new byte[0] : raw;
        JsonNode n;
        try {
            n = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (Exception e) {
            n = null;
        }
        String shopId = n == null ? null : text(n, "shop_id");
        ChannelAccount a = shopId == null ? null : accounts.active("tiktok", shopId);
        String topic = n == null ? null : topic(n.path("type").asInt(-1));
        String orderId = n == null ? null : text(n.path("data"), "order_id");
        if (a == null || !TikTokSignature.webhookValid(a.appKey(), a.secret(), body, signature)) {
            String why = n == null ? "body is not JSON" : a == null ? "no active TikTok account for shop_id " + shopId
                    : signature == null || signature.isBlank() ? "no signature (Authorization header)" : "signature does not match";
            return refused(new ChannelWebhooks.Call("tiktok", a == null ? null : a.id(), topic, orderId, null, false, body),
                    ChannelWebhooks.UNAUTHORIZED, why);
        }
        String stale = stale(n.path("timestamp"), Instant.now());
        if (stale != null)
            return refused(new ChannelWebhooks.Call("tiktok", a.id(), topic, orderId, null, true, body), ChannelWebhooks.STALE, stale);
        CompletionStage<Outcome> handled;
        try {
            handled = handle(a, n, orderId);
        } catch (Exception e) {
            handled = CompletableFuture.failedFuture(e);
        }
        return handled.handle((o, e) -> {
            if (e == null) return o;
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            LOG.warnf("TikTok webhook for order %s failed: %s", orderId, cause.toString());
            return new Outcome(0, "FAILED", "could not fetch or take the order (TikTok will send it again): " + cause.getMessage(), null, 503);
        }).thenApplyAsync(o -> new Outcome(webhooks.record(new ChannelWebhooks.Call("tiktok", a.id(), topic, orderId, null, true, body),
                o.outcome(), o.detail()), o.outcome(), o.detail(), o.orderId(), o.status()), workers);
    }

    private CompletionStage<Outcome> refused(ChannelWebhooks.Call call, String outcome, String why) {
        return done(new Outcome(webhooks.record(call, outcome, why), outcome, why, null, 401));
    }

    /** Why the notification's timestamp (seconds) is refused, or null when it is within the window of now. */
    String stale(JsonNode timestamp, Instant now) {
        if (!timestamp.canConvertToLong()) return "no timestamp in the notification: it cannot be told from a replay";
        long skew = Math.abs(timestamp.asLong() - now.getEpochSecond());
        return skew <= window.toSeconds() ? null
                : "timestamp " + timestamp.asLong() + " is " + skew + " s from now, outside the " + window.toSeconds() + " s window: a replay or a clock far off";
    }

    private CompletionStage<Outcome> handle(ChannelAccount a, JsonNode n, String orderId) throws Exception {
        int type = n.path("type").asInt(-1);
        if ((type != ORDER_STATUS_CHANGE && type != CANCELLATION_STATUS_CHANGE) || orderId == null)
            return done(new Outcome(0, "IGNORED", "notification type " + type + " is not about an order's status", null, 200));
        JsonNode data = n.path("data");
        String told = text(data, "order_status");
        JsonNode order = tiktok.order(a, orderId);
        String status = order == null ? null : text(order, "status");
        // TikTok's order detail can lag its notification: a cancellation is acted on at once (it only ever frees
        // stock); anything else is answered 503 so TikTok sends it again until its order detail agrees.
        if (told != null && !told.equals(status) && data.path("update_time").asLong(0) > (order == null ? 0 : order.path("update_time").asLong(0))) {
            if (cancelled(told)) return done(cancel(a, orderId, "; acted on the notification, TikTok's order detail still said " + status));
            return done(new Outcome(0, "RETRY", "TikTok's order detail (" + status + ") is behind its notification (" + told
                    + "): TikTok sends the notification again", null, 503));
        }
        if (order == null) return done(new Outcome(0, "IGNORED", "TikTok does not know order " + orderId, null, 200));
        return apply(a, order, orderId, type);
    }

    /**
     * The order as TikTok now holds it, acted on: ON_HOLD is taken as a held order (its units reserved at once),
     * AWAITING_SHIPMENT is taken or releases the held one, CANCELLED (or CANCEL) cancels; the rest changes nothing.
     * Shared by the webhook and the reconciliation.
     */
    public CompletionStage<Outcome> apply(ChannelAccount a, JsonNode order, String orderId, int type) {
        String status = text(order, "status");
        if ("AWAITING_SHIPMENT".equals(status)) return take(map(a, order, orderId, null));
        if ("ON_HOLD".equals(status)) return take(map(a, order, orderId, HOLD));
        if (cancelled(status)) return done(cancel(a, orderId, ""));
        return done(new Outcome(0, "IGNORED", "order " + orderId + " is " + status + " on TikTok: only orders on hold or awaiting shipment are taken"
                + (type == CANCELLATION_STATUS_CHANGE ? "; a cancellation not yet completed changes nothing" : ""), null, 200));
    }

    /** Why a TikTok order is held: shown on the order until TikTok releases it. */
    static final String HOLD = "on hold on TikTok Shop (the buyer's cancellation window)";

    /** TikTok spells a cancelled order CANCELLED, and in some notifications CANCEL. */
    static boolean cancelled(String status) {
        return "CANCELLED".equals(status) || "CANCEL".equals(status);
    }

    private CompletionStage<Outcome> take(OrderRequest req) {
        return intake.submit(List.of(req)).thenApply(results -> {
            OrderResult r = results.get(0);
            return switch (r.outcome()) {
                case CREATED -> new Outcome(0, "CREATED", "order " + r.orderId() + " " + r.status(), r.orderId(), 200);
                case EXISTING -> new Outcome(0, "EXISTING", "order " + r.orderId() + " was taken before (" + r.status() + ")", r.orderId(), 200);
                case RELEASED -> new Outcome(0, "RELEASED", "held order " + r.orderId() + " released by TikTok: " + r.status(), r.orderId(), 200);
                case REJECTED -> new Outcome(0, "REJECTED", r.problem().detail(), null, 200);
            };
        });
    }

    private static CompletionStage<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    /** TikTok's order (Get Order Detail, 202309) as a Surge order of the account's shop. */
    OrderRequest map(ChannelAccount a, JsonNode o, String orderId, String hold) {
        JsonNode ra = o.path("recipient_address");
        String city = null, region = null;
        for (JsonNode d : ra.path("district_info")) {
            String level = d.path("address_level_name").asText("").toLowerCase(Locale.ROOT);
            if (level.equals("city") || level.equals("town") || level.equals("post town")) city = text(d, "address_name");
            if (level.equals("state") || level.equals("province") || level.equals("county") && region == null) region = text(d, "address_name");
        }
        List<String> lines = new ArrayList<>();
        for (String f : new String[] {"address_line1", "address_line2", "address_line3", "address_line4"}) {
            String v = text(ra, f);
            if (v == null) v = text(ra, f.replace("line", "line_"));
            if (v != null) lines.add(v);
        }
        if (lines.isEmpty() && text(ra, "address_detail") != null) lines.add(text(ra, "address_detail"));
        String country = text(ra, "region_code");
        if (country != null) country = country.toUpperCase(Locale.ROOT).equals("UK") ? "GB" : country.toUpperCase(Locale.ROOT);
        // TikTok's recipient address has no company field (Get Order Detail, 202309): the name line carries it, if anything
        OrderRequest.Address to = new OrderRequest.Address(text(ra, "name"), null, lines.isEmpty() ? null : lines.get(0),
                lines.size() > 1 ? String.join(", ", lines.subList(1, lines.size())) : null,
                city != null ? city : region, region, text(ra, "postal_code"), country, text(ra, "phone_number"), null);

        // TikTok lists one line item per unit; a quantity field, where present, counts for itself.
        List<String> skuIds = new ArrayList<>();
        for (JsonNode li : o.path("line_items")) if (text(li, "sku_id") != null) skuIds.add(text(li, "sku_id"));
        Map<String, String> mapped = accounts.mappedSkus(a.id(), skuIds);
        Map<String, Integer> units = new LinkedHashMap<>();
        for (JsonNode li : o.path("line_items")) {
            if ("CANCELLED".equals(text(li, "display_status"))) continue; // a unit cancelled on its own
            String sku = mapped.getOrDefault(text(li, "sku_id"), text(li, "seller_sku"));
            if (sku == null) sku = text(li, "sku_id"); // unmapped and no seller SKU: intake rejects it by name
            int q = li.path("quantity").asInt(1);
            units.merge(sku == null ? "" : sku, Math.max(q, 1), Integer::sum);
        }
        List<OrderRequest.Line> orderLines = new ArrayList<>();
        units.forEach((sku, q) -> orderLines.add(new OrderRequest.Line(sku, q)));

        long due = o.path("rts_sla_time").asLong(0);
        if (due <= 0) due = o.path("shipping_due_time").asLong(0);
        OffsetDateTime shipBy = due > 0 ? Instant.ofEpochSecond(due).atOffset(ZoneOffset.UTC)
                : OffsetDateTime.now(ZoneOffset.UTC).plusHours(a.shipWithinHours());
        // Shipped by TikTok (shipping_type TIKTOK): TikTok sells the label, the buyer's name is masked; carrier TIKTOK
        // sends the parcel to TikTok Shipping for its label (io.surgewms.shipping), never to the own range.
        boolean byTikTok = "TIKTOK".equalsIgnoreCase(text(o, "shipping_type"));
        return new OrderRequest(a.shop(), "tiktok", orderId, shipBy, byTikTok ? "TIKTOK" : a.defaultCarrier(),
                byTikTok ? "TIKTOK_SHIPPING" : a.defaultService(), null, null, to, orderLines, shippingMethod(o), hold);
    }

    /** What the buyer chose: TikTok's delivery option (e.g. "Standard shipping"), else its shipping type. */
    static String shippingMethod(JsonNode o) {
        String option = text(o, "delivery_option_name");
        if (option == null) option = text(o, "delivery_type");
        String type = text(o, "shipping_type");
        String m = option == null ? type : type == null ? option : option + " (" + type + ")";
        return m == null || m.length() <= 120 ? m : m.substring(0, 120);
    }

    private Outcome cancel(ChannelAccount a, String orderId, String note) {
        ChannelCancellations.Result r = cancellations.cancel(a, "tiktok", "TikTok Shop", orderId, "tiktok");
        return new Outcome(0, r.outcome(), r.detail() + note, r.orderId(), 200);
    }

    static String topic(int type) {
        return switch (type) {
            case ORDER_STATUS_CHANGE -> "ORDER_STATUS_CHANGE";
            case CANCELLATION_STATUS_CHANGE -> "CANCELLATION_STATUS_CHANGE";
            case -1 -> null;
            default -> "TYPE_" + type;
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
