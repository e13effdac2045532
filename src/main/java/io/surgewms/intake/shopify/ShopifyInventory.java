package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelException;
import io.surgewms.intake.channels.ChannelException.Kind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stock levels to Shopify: {@code stock.level} {sku, channelSku, quantity, at}: channelSku is the Shopify variant id;
 * its inventory item and the location it is stocked at (the first, as the warehouse is one Shopify location) get
 * {@code available = quantity} through {@code inventorySetQuantities} (reason "correction"). Surge is the source of
 * truth, so the compare-and-swap is opted out of ({@code changeFromQuantity: null}); since 2026-04 the mutation needs
 * an idempotency key, one per stock.level event (its variant, quantity and time), the same on every retry.
 * Variant → (item, location) is kept a few minutes per account: a spike sends many levels for few SKUs.
 * Shapes: https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/inventorySetQuantities
 */
@Singleton
public class ShopifyInventory {

    private static final Logger LOG = Logger.getLogger(ShopifyInventory.class);
    static final Duration KEEP = Duration.ofMinutes(5);

    static final String VARIANT_STOCK = """
            query VariantStock($id: ID!) {
              productVariant(id: $id) {
                id
                inventoryItem {
                  id
                  inventoryLevels(first: 5) { nodes { location { id } } }
                }
              }
            }""";
    /** The key must be a literal: it goes into the directive, not the variables. */
    static final String SET_AVAILABLE = """
            mutation SetAvailable($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) @idempotent(key: "%s") {
                inventoryAdjustmentGroup { reason changes { name delta } }
                userErrors { field message code }
              }
            }""";

    record Stocked(String inventoryItem, String location, long until) {}

    private final ShopifyGraphql graphql;
    private final Map<String, Stocked> stocked = new ConcurrentHashMap<>();

    @Inject
    public ShopifyInventory(ShopifyGraphql graphql) {
        this.graphql = graphql;
    }

    public void setAvailable(ChannelAccount account, JsonNode p) throws ChannelException, InterruptedException {
        String variant = ShopifyOrder.text(p, "channelSku");
        if (variant == null) {
            LOG.infof("SKU %s has no Shopify variant mapped for %s: stock level not sent", ShopifyOrder.text(p, "sku"), account.account());
            return;
        }
        int quantity = Math.max(0, p.path("quantity").asInt());
        Stocked s = stocked(account, variant);
        ObjectNode vars = graphql.variables();
        ObjectNode input = vars.putObject("input");
        input.put("name", "available");
        input.put("reason", "correction");
        ObjectNode q = input.putArray("quantities").addObject();
        q.put("inventoryItemId", s.inventoryItem());
        q.put("locationId", s.location());
        q.put("quantity", quantity);
        q.putNull("changeFromQuantity"); // Surge holds the truth: set, whatever Shopify has now
        String key = UUID.nameUUIDFromBytes((account.id() + "|" + variant + "|" + quantity + "|" + ShopifyOrder.text(p, "at"))
                .getBytes(StandardCharsets.UTF_8)).toString();
        try {
            graphql.mutate(account, "inventorySetQuantities", SET_AVAILABLE.formatted(key), vars);
        } catch (ChannelException e) {
            if (e.kind() == Kind.REJECTED) stocked.remove(account.id() + ":" + variant); // the item may have moved: look again next time
            throw e;
        }
    }

    private Stocked stocked(ChannelAccount account, String variant) throws ChannelException, InterruptedException {
        String cacheKey = account.id() + ":" + variant;
        Stocked s = stocked.get(cacheKey);
        if (s != null && s.until() > System.currentTimeMillis()) return s;
        JsonNode v = graphql.query(account, VARIANT_STOCK, graphql.variables().put("id", ShopifyFulfillments.gid("ProductVariant", variant)))
                .path("productVariant");
        if (!v.isObject()) throw new ChannelException(Kind.REJECTED, "Shopify has no variant " + variant + " on " + account.account());
        String item = ShopifyOrder.text(v.path("inventoryItem"), "id");
        if (item == null) throw new ChannelException(Kind.REJECTED, "Shopify variant " + variant + " has no inventory item");
        JsonNode levels = v.path("inventoryItem").path("inventoryLevels").path("nodes");
        String location = levels.isEmpty() ? null : ShopifyOrder.text(levels.get(0).path("location"), "id");
        if (location == null) throw new ChannelException(Kind.REJECTED, "Shopify inventory item " + item + " is stocked at no location");
        s = new Stocked(item, location, System.currentTimeMillis() + KEEP.toMillis());
        stocked.put(cacheKey, s);
        return s;
    }
}
