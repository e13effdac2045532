-- Channel access that lasts (issue 19): TikTok's shop cipher and product ids, tokens that are refreshed
-- before they expire, calls paused while a channel asks us to wait, and secrets sealed at rest.

-- secret, access_token and refresh_token hold sealed text ('sealed:v1:<key id>:<base64>', AES-256-GCM under
-- SURGE_SHIPPING_KEY, the row id and column as associated data). Rows written in clear before this version
-- are sealed by the service when it starts with a key (ChannelSecrets); the database cannot do it, as it
-- never sees the key.
alter table channel_account
    add column shop_cipher              text,          -- TikTok's shop_cipher (Get Authorized Shops): every shop-scoped 202309 call carries it
    add column auth_url                 text,          -- TikTok's token endpoint host (a sandbox or a local fake); null: the configured one
    add column refresh_token            text,          -- sealed
    add column access_token_expires_at  timestamptz,
    add column refresh_token_expires_at timestamptz,
    add column token_refreshed_at       timestamptz,
    add column token_error              text,          -- why the last refresh failed; null once one succeeds
    add column token_attempts           integer not null default 0,
    add column token_next_attempt       timestamptz,   -- a refresh is leased or waits for its backoff until then
    add column paused_until             timestamptz;   -- the channel said "too many calls": none before then

-- The refresh job's question: tokens expiring soon whose refresh is not leased or backing off.
create index channel_account_token_due on channel_account (access_token_expires_at) where refresh_token is not null;

-- TikTok's Update Inventory names the product in its path and the SKU in its body: the mapping keeps both.
alter table channel_sku add column channel_product_id text;
