/**
 * Shopify: orders and fulfillment-order webhooks in (HMAC-verified, recorded, mapped to orders, held while Shopify
 * holds them), tracking, stock levels and cancellation answers out through the Admin GraphQL API, and reconciliation.
 */
package io.surgewms.intake.shopify;
