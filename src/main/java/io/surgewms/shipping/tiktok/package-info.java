/**
 * TikTok Shipping: the carrier provider that buys a TikTok order's label from TikTok Shop's Fulfillment API
 * (202309) with the shop's TikTok account, for orders TikTok ships ("shipped by TikTok", masked buyer). It
 * signs like the TikTok channel ({@link io.surgewms.intake.tiktok.TikTokSignature}) and touches no database.
 */
package io.surgewms.shipping.tiktok;
