-- Sales channels: a shop's account on TikTok Shop or Shopify, where its orders come from and where
-- tracking and stock levels go back.
create table channel_account (
    id                 bigint generated always as identity primary key,
    shop_id            bigint not null references shop(id),
    channel            text not null check (channel in ('tiktok','shopify')),
    account            text not null,           -- TikTok shop id (or cipher), Shopify shop domain
    app_key            text,                    -- TikTok app key
    secret             text not null,           -- app secret / webhook signing secret: HMACs are checked with it
    access_token       text,                    -- for calls to the channel's API
    base_url           text,                    -- the channel API's base URL (a local fake in tests)
    default_carrier    text not null default 'OWN',
    default_service    text not null default 'STANDARD',
    ship_within_hours  integer not null default 48 check (ship_within_hours > 0),
    active             boolean not null default true,
    created_at         timestamptz not null default now(),
    unique (channel, account)
);
create index channel_account_shop on channel_account(shop_id);

-- The channel's own SKU ids mapped to our products (TikTok sku_id, Shopify variant id); a line whose
-- id is not mapped falls back to its seller SKU. safety_buffer: units held back from what the channel sees.
create table channel_sku (
    account_id     bigint not null references channel_account(id) on delete cascade,
    channel_sku    text not null,
    product_id     bigint not null references product(id),
    safety_buffer  integer not null default 0 check (safety_buffer >= 0),
    primary key (account_id, channel_sku)
);
create index channel_sku_product on channel_sku(product_id);

-- Every webhook as it arrived, verified or not, and what was done with it: nothing is lost, replays show.
create table channel_webhook (
    id            bigint generated always as identity primary key,
    account_id    bigint references channel_account(id),
    channel       text not null,
    topic         text,
    remote_id     text,                      -- the channel's order id
    signature_ok  boolean not null,
    outcome       text not null,             -- e.g. CREATED, EXISTING, CANCELLED, IGNORED, REJECTED, UNAUTHORIZED
    detail        text,
    body          text not null,
    received_at   timestamptz not null default now()
);
create index channel_webhook_received on channel_webhook(received_at);

-- Outbox delivery to channels: which account an event is for, and its retry schedule.
alter table outbox add column account_id bigint references channel_account(id);
alter table outbox add column next_attempt timestamptz not null default now();
alter table outbox add column last_error text;
create index outbox_due on outbox(next_attempt, id) where sent_at is null;
