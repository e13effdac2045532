/**
 * Sales channels (TikTok Shop, Shopify): shops' channel accounts (secrets sealed, tokens kept fresh) and SKU
 * mappings, verified webhooks in, and the outbox out (tracking, stock levels) through one small client per
 * channel, paused when a channel asks for fewer calls and behind a circuit breaker per account.
 */
package io.surgewms.intake.channels;
