package io.surgewms.intake.channels;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A channel's list of orders changed in a time window, for the reconciliation: one implementation per
 * channel (a CDI bean). Each order comes with what applies it, which must do exactly what that order's
 * webhook would have done (take, hold, release, cancel), so a missed webhook and a recovered one end in
 * the same state.
 */
public interface ChannelOrderFeed {

    /**
     * The channel's order id, and what applies the order as the channel holds it now: completes with the outcome
     * (CREATED, RELEASED, CANCELLED, EXISTING, IGNORED …).
     */
    record ChangedOrder(String externalId, Supplier<CompletionStage<String>> apply) {}

    /** tiktok or shopify. */
    String channel();

    /** The account's orders changed in [since, until), oldest change first, at most {@code max}. */
    List<ChangedOrder> changed(ChannelAccount account, Instant since, Instant until, int max) throws Exception;
}
