-- Webhooks are open to the internet: an unverified call keeps only what identifies it (its length, its SHA-256 and
-- its first KB in body), never the whole body; a verified call keeps its body as before. Rows written before this
-- migration keep what they had and leave the new columns empty.
alter table channel_webhook add column body_bytes bigint;
alter table channel_webhook add column body_sha256 text;
-- Shopify's X-Shopify-Webhook-Id, shown with the call (the dedupe itself is channel_webhook_delivery).
alter table channel_webhook add column delivery_id text;

-- Deliveries already acted on, per account: a channel's re-delivery with the same id is answered without acting again.
-- Written only after the call was handled (not before), so a delivery that failed and is retried is acted on.
-- Purged with channel_webhook's retention.
create table channel_webhook_delivery (
    account_id   bigint not null references channel_account(id),
    delivery_id  text not null,
    received_at  timestamptz not null default now(),
    primary key (account_id, delivery_id)
);
create index channel_webhook_delivery_received on channel_webhook_delivery(received_at);
