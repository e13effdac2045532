/**
 * Sales channels (TikTok Shop, Shopify): shops' channel accounts and SKU mappings, verified webhooks
 * in, and the outbox out (tracking, stock levels) through one small client per channel.
 */
package io.surgewms.intake.channels;
