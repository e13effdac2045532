/**
 * TikTok Shop connector: signed order webhooks in (verified, logged, the order fetched and mapped to a
 * Surge order through intake), tracking and stock levels out through the outbox and {@link io.surgewms.intake.tiktok.TikTokClient}.
 */
package io.surgewms.intake.tiktok;
