package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewms.intake.OrderRequest;
import io.surgewms.intake.channels.ChannelAccount;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Shopify order (the orders/* webhook body, or a GraphQL order turned into that shape by {@link ShopifyOrderSync})
 * as a Surge order: external id = Shopify's order id; ship-to (with its company) from shipping_address; the buyer's
 * shipping method from shipping_lines[0] (title, and code when it says more); lines by variant_id through channel_sku,
 * else by the line's SKU; ship-by = created_at + the account's ship_within_hours; carrier and service from the account.
 */
public final class ShopifyOrder {

    private ShopifyOrder() {}

    /** The order, or why there is none: {@code ignored} when there is nothing to ship, {@code rejected} when it cannot be read. */
    public record Mapped(OrderRequest order, String ignored, String rejected) {}

    static String id(JsonNode order) {
        JsonNode id = order.path("id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    /** {@code skuOfVariant} answers our SKU for a Shopify variant id mapped in channel_sku, else null. */
    static Mapped map(JsonNode o, ChannelAccount account, Function<String, String> skuOfVariant) {
        return map(o, account, skuOfVariant, null);
    }

    /** @param hold why the order is held (a fulfillment order on hold), or null: taken as a held order when set */
    static Mapped map(JsonNode o, ChannelAccount account, Function<String, String> skuOfVariant, String hold) {
        String id = id(o);
        if (id == null || id.isBlank()) return new Mapped(null, null, "the order has no id");
        JsonNode a = o.path("shipping_address");
        if (!a.isObject()) return new Mapped(null, "no shipping address (a digital order): nothing to ship", null);
        Map<String, Integer> units = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode li : o.path("line_items")) {
            if (li.path("requires_shipping").isBoolean() && !li.path("requires_shipping").asBoolean()) continue; // gift cards, digital goods
            int quantity = li.path("quantity").asInt(0);
            if (quantity <= 0) continue;
            String variant = text(li, "variant_id");
            String sku = variant == null ? null : skuOfVariant.apply(variant);
            if (sku == null) sku = text(li, "sku");
            if (sku == null) {
                unknown.add("line item " + li.path("id").asText("?") + " (variant " + variant + ") has no SKU and no channel_sku mapping");
                continue;
            }
            units.merge(sku, quantity, Integer::sum);
        }
        if (!unknown.isEmpty()) return new Mapped(null, null, String.join("; ", unknown));
        if (units.isEmpty()) return new Mapped(null, "no line to ship", null);
        List<OrderRequest.Line> lines = new ArrayList<>();
        units.forEach((sku, q) -> lines.add(new OrderRequest.Line(sku, q)));

        OffsetDateTime created;
        try {
            String at = text(o, "created_at");
            created = at == null ? OffsetDateTime.now() : OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            return new Mapped(null, null, "created_at '" + o.path("created_at").asText() + "' is not a date-time");
        }
        String name = text(a, "name"), company = text(a, "company");
        if (name == null) {
            String full = ((text(a, "first_name") == null ? "" : text(a, "first_name")) + " "
                    + (text(a, "last_name") == null ? "" : text(a, "last_name"))).trim();
            name = full.isEmpty() ? company : full;
        }
        if (company != null && company.equals(name)) company = null; // named after the company: print it once
        String email = text(o, "email");
        if (email != null && !email.contains("@")) email = null;
        String country = text(a, "country_code");
        OrderRequest.Address shipTo = new OrderRequest.Address(name, company, text(a, "address1"), text(a, "address2"), text(a, "city"),
                text(a, "province_code"), text(a, "zip"), country == null ? null : country.toUpperCase(java.util.Locale.ROOT),
                text(a, "phone"), email);
        return new Mapped(new OrderRequest(account.shop(), "shopify", id, created.plusHours(account.shipWithinHours()),
                account.defaultCarrier(), account.defaultService(), 0, null, shipTo, lines, shippingMethod(o), hold), null, null);
    }

    /** What the buyer chose at checkout: the first shipping line's title, with its code when that says something else. */
    static String shippingMethod(JsonNode o) {
        JsonNode line = o.path("shipping_lines").path(0);
        String title = text(line, "title"), code = text(line, "code");
        String m = title == null ? code : code == null || code.equalsIgnoreCase(title) ? title : title + " (" + code + ")";
        return m == null || m.length() <= 120 ? m : m.substring(0, 120);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) return null;
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }
}
