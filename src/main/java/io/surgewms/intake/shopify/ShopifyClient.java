package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What goes back to Shopify through its Admin REST API (base URL from the account, else
 * https://{shop domain}; token in X-Shopify-Access-Token):
 * <ul>
 * <li>{@code shipment.shipped} {externalId, carrier, trackingNumber}: the order's open fulfillment orders
 *     ({@code GET orders/{id}/fulfillment_orders.json}) are fulfilled with the tracking number and company
 *     ({@code POST fulfillments.json}); when none is open (an earlier parcel fulfilled them) there is nothing to send.</li>
 * <li>{@code stock.level} {productId, sku, channelSku, quantity}: channelSku is the Shopify variant id; its inventory
 *     item ({@code GET variants/{id}.json}) and the location it is stocked at ({@code GET inventory_levels.json}) get
 *     {@code available = quantity} ({@code POST inventory_levels/set.json}). No channelSku: not mapped, nothing to send.</li>
 * </ul>
 * Any other topic has no Shopify counterpart and is taken as delivered. A non-2xx answer or a network failure throws.
 */
@ApplicationScoped
public class ShopifyClient implements ChannelClient {

    private static final Logger LOG = Logger.getLogger(ShopifyClient.class);
    public static final String API_VERSION = "2024-10";
    private static final Set<String> OPEN = Set.of("open", "in_progress");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public String channel() {
        return "shopify";
    }

    @Override
    public void send(ChannelAccount account, String topic, JsonNode payload) throws Exception {
        switch (topic) {
            case "shipment.shipped" -> fulfil(account, payload);
            case "stock.level" -> stockLevel(account, payload);
            default -> LOG.debugf("Shopify has nothing for %s; taken as delivered", topic);
        }
    }

    private void fulfil(ChannelAccount account, JsonNode p) throws IOException, InterruptedException {
        String order = ShopifyOrder.text(p, "externalId");
        if (order == null) throw new IllegalArgumentException("shipment.shipped without externalId: " + p);
        JsonNode answer = call(account, "GET", "orders/" + order + "/fulfillment_orders.json", null);
        List<Long> open = new ArrayList<>();
        for (JsonNode fo : answer.path("fulfillment_orders"))
            if (OPEN.contains(fo.path("status").asText())) open.add(fo.path("id").asLong());
        if (open.isEmpty()) {
            LOG.infof("Shopify order %s of %s has no open fulfillment order: already fulfilled", order, account.account());
            return;
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode f = body.putObject("fulfillment");
        var byOrder = f.putArray("line_items_by_fulfillment_order");
        for (long id : open) byOrder.addObject().put("fulfillment_order_id", id);
        ObjectNode tracking = f.putObject("tracking_info");
        tracking.put("number", ShopifyOrder.text(p, "trackingNumber"));
        tracking.put("company", ShopifyOrder.text(p, "carrier"));
        f.put("notify_customer", true);
        call(account, "POST", "fulfillments.json", body);
    }

    private void stockLevel(ChannelAccount account, JsonNode p) throws IOException, InterruptedException {
        String variant = ShopifyOrder.text(p, "channelSku");
        if (variant == null) {
            LOG.infof("SKU %s has no Shopify variant mapped for %s: stock level not sent", ShopifyOrder.text(p, "sku"), account.account());
            return;
        }
        long item = call(account, "GET", "variants/" + variant + ".json", null).path("variant").path("inventory_item_id").asLong(0);
        if (item == 0) throw new IOException("Shopify variant " + variant + " has no inventory_item_id");
        JsonNode levels = call(account, "GET", "inventory_levels.json?inventory_item_ids=" + item, null).path("inventory_levels");
        if (levels.isEmpty()) throw new IOException("Shopify inventory item " + item + " is stocked at no location");
        ObjectNode body = json.createObjectNode();
        body.put("location_id", levels.get(0).path("location_id").asLong());
        body.put("inventory_item_id", item);
        body.put("available", Math.max(0, p.path("quantity").asInt()));
        call(account, "POST", "inventory_levels/set.json", body);
    }

    private JsonNode call(ChannelAccount account, String method, String path, JsonNode body) throws IOException, InterruptedException {
        String base = account.baseUrl() != null && !account.baseUrl().isBlank() ? account.baseUrl() : "https://" + account.account();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/admin/api/" + API_VERSION + "/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Shopify-Access-Token", account.accessToken() == null ? "" : account.accessToken())
                .header("Accept", "application/json");
        if (body == null) req.GET();
        else req.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() / 100 != 2) {
            String text = r.body() == null ? "" : r.body();
            throw new IOException("Shopify " + method + " " + path + " answered " + r.statusCode() + ": "
                    + (text.length() > 300 ? text.substring(0, 300) : text));
        }
        return r.body() == null || r.body().isBlank() ? json.createObjectNode() : json.readTree(r.body());
    }
}
