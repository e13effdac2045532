package io.surgewms.intake.channels;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A channel's list of orders changed in a time window, for the reconciliation: one implementation per
 * channel (a CDI bean). {@link #apply} must do exactly what that order's webhook would have done (take,
 * hold, release, cancel), so a missed webhook and a recovered one end in the same state.
 */
public interface ChannelOrderFeed {

    /** The channel's order id and the order as the channel holds it now. */
    record ChangedOrder(String externalId, JsonNode order) {}

    /** tiktok or shopify. */
    String channel();

    /** The account's orders changed in [since, until), oldest change first, at most {@code max}. */
    List<ChangedOrder> changed(ChannelAccount account, Instant since, Instant until, int max) throws Exception;

    /** Acts on one order as its webhook would; completes with the outcome (CREATED, RELEASED, CANCELLED, EXISTING, IGNORED …). */
    CompletionStage<String> apply(ChannelAccount account, ChangedOrder order);
}
