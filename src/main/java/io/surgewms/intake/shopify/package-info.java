/**
 * Shopify: the orders/create and orders/cancelled webhooks in (HMAC-verified, recorded, mapped to
 * orders), fulfillments with tracking and inventory levels out (the outbox sender calls ShopifyClient).
 */
package io.surgewms.intake.shopify;
