-- Held orders (issue 19): a channel has sold the order but not released it yet (TikTok ON_HOLD, the buyer's
-- cancellation window; a Shopify fulfillment order on hold). Its units are reserved at once, so every channel
-- sees them gone, but it is never waved until released. A held order may not have its address yet.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check
    check (status in ('HELD','RECEIVED','ALLOCATED','BACKORDERED','RELEASED','PICKING','PICKED','PACKED','SHIPPED','CANCELLED'));

alter table orders alter column ship_to_name drop not null;
alter table orders alter column ship_to_line1 drop not null;
alter table orders alter column ship_to_city drop not null;
alter table orders alter column ship_to_postal drop not null;
alter table orders alter column ship_to_country drop not null;
alter table orders add constraint orders_ship_to_known check (
    status in ('HELD','CANCELLED')
    or (ship_to_name is not null and ship_to_line1 is not null and ship_to_city is not null
        and ship_to_postal is not null and ship_to_country is not null));

-- Why the order is held (shown on the order), and the shipping method the buyer chose (for the carrier rules).
alter table orders add column hold_reason text;
alter table orders add column shipping_method text;

-- Held orders short of stock wait for it like backorders: the backorder scan looks at both.
create index orders_held_short on orders(ship_by, id) where status = 'HELD' and backorder_reason is not null;


-- Reconciliation (issue 19): every few minutes each channel account lists the orders changed since its watermark
-- and takes what the webhooks missed. One row per account (any instance may run it: the lease says who is), and
-- one row per run, so the board can show how many orders each run recovered.
create table channel_reconciliation (
    account_id   bigint primary key references channel_account(id),
    watermark    timestamptz not null,   -- orders changed before this were all looked at
    lease_until  timestamptz,            -- an instance is running it until then
    last_error   text
);

create table channel_reconciliation_run (
    id           bigint generated always as identity primary key,
    account_id   bigint not null references channel_account(id),
    since        timestamptz not null,
    until        timestamptz not null,
    started_at   timestamptz not null default now(),
    finished_at  timestamptz,
    orders_seen  integer not null default 0,
    recovered    integer not null default 0,   -- orders created, released or cancelled by this run: what webhooks missed
    error        text
);
create index channel_reconciliation_run_account on channel_reconciliation_run(account_id, id desc);
create index channel_reconciliation_run_started on channel_reconciliation_run(started_at);
