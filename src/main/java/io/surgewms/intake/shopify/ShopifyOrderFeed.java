package io.surgewms.intake.shopify;

import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelOrderFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Shopify's side of the reconciliation: the orders updated since the window's start (Admin GraphQL
 * {@code orders(query: "updated_at:>=…")}, {@link ShopifyOrderSync}), each applied as its webhooks would
 * have (cancelled, held, taken or released). Orders updated after the window's end are applied too:
 * every path is idempotent, and the next window starts before it anyway.
 */
@ApplicationScoped
public class ShopifyOrderFeed implements ChannelOrderFeed {

    @Inject ShopifyOrderSync sync;

    @Override
    public String channel() {
        return "shopify";
    }

    @Override
    public List<ChangedOrder> changed(ChannelAccount a, Instant since, Instant until, int max) throws Exception {
        List<ChangedOrder> out = new ArrayList<>();
        for (ShopifyOrderSync.Reconciled r : sync.ordersUpdatedSince(a, since, max))
            out.add(new ChangedOrder(r.orderId(), () -> sync.apply(a, r).thenApply(ShopifyOrders.Done::outcome)));
        return out;
    }
}
