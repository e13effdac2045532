-- Shipping (issue 18): carrier accounts per shop, rate-shopping rules, and labels bought ahead of the packer.

-- A shop's account at a label provider (a 3PL ships on each seller's own accounts). The credentials are sealed
-- with AES-GCM under a key from configuration (surge.shipping.credentials-key): the database alone never holds
-- them in clear, and the API never returns them. TikTok Shipping needs no row here: it runs on the shop's
-- TikTok channel account.
create table carrier_account (
    id           bigint generated always as identity primary key,
    shop_id      bigint not null references shop(id),
    provider     text not null check (provider in ('own','easypost','sendcloud')),
    name         text not null,
    base_url     text,
    credentials  bytea not null,
    key_id       text not null,
    options      jsonb not null default '{}',
    active       boolean not null default true,
    created_at   timestamptz not null default now(),
    unique (shop_id, name)
);

-- Rate shopping: a shop's rules in order, the first that matches the parcel chooses the service.
create table shipping_rule (
    id              bigint generated always as identity primary key,
    shop_id         bigint not null references shop(id),
    position        integer not null,
    channel         text,
    country         text,
    min_weight_g    integer,
    max_weight_g    integer,
    content_tag     text,
    strategy        text not null check (strategy in ('CHEAPEST_ON_TIME','FASTEST_UNDER_CEILING')),
    max_cost_cents  bigint,
    max_transit_days integer,
    carriers        text[],
    unique (shop_id, position)
);

-- A parcel's label, bought by a worker before the packer needs it (the outbox row of a purchase). Its
-- idempotency_key is the parcel's identity at the provider, so a retry after a crash never buys twice.
-- PLANNED -> BUYING -> BOUGHT; a retryable failure goes back to PLANNED later; FAILED and ADDRESS_HOLD wait for a
-- person; a label no longer wanted (cancelled order, parcel re-weighed) goes VOID_PENDING -> VOIDED; a plan
-- dropped before anything was bought is DROPPED.
create table parcel_label (
    id                  bigint generated always as identity primary key,
    order_id            bigint not null references orders(id),
    parcel_no           integer not null default 1,
    version             integer not null default 1,
    idempotency_key     text not null unique,
    status              text not null default 'PLANNED'
                        check (status in ('PLANNED','BUYING','BOUGHT','FAILED','ADDRESS_HOLD','VOID_PENDING','VOIDED','DROPPED')),
    provider            text check (provider in ('own','easypost','sendcloud','tiktok')),  -- known once rates are shopped
    weight_g            integer not null check (weight_g >= 0),
    carton              text,
    address_checked     boolean not null default false,
    rates               jsonb,
    choice              text,
    carrier_account_id  bigint references carrier_account(id),
    carrier             text,
    service             text,
    cost_cents          bigint,
    currency            text,
    rate_ref            text,
    quote_ref           text,
    bought_weight_g     integer,
    tracking_number     text,
    tracking_url        text,
    provider_ref        text,
    label_format        text check (label_format in ('ZPL','PDF')),
    label               bytea,
    label_zpl           bytea,
    label_dpi           integer,
    shipment_id         bigint references shipment(id),
    -- where the label goes when the parcel was packed before it was bought (the station's printer at that moment)
    print_station       text,
    print_printer       text,
    print_host          text,
    print_port          integer,
    print_dpi           integer,
    urgent              boolean not null default false,
    attempts            integer not null default 0,
    next_attempt        timestamptz not null default now(),
    last_error          text,
    created_at          timestamptz not null default now(),
    bought_at           timestamptz,
    voided_at           timestamptz
);
create unique index parcel_label_live on parcel_label (order_id, parcel_no)
    where status in ('PLANNED','BUYING','BOUGHT','FAILED','ADDRESS_HOLD');
create index parcel_label_due on parcel_label (urgent desc, next_attempt, id) where status in ('PLANNED','BUYING','VOID_PENDING');
create index parcel_label_order on parcel_label (order_id);
create index parcel_label_shipment on parcel_label (shipment_id) where shipment_id is not null;

-- A parcel packed before its label was bought waits with no tracking number (label_state PENDING); the worker
-- fills it in and queues the print job when the provider answers.
alter table shipment alter column tracking_number drop not null;
alter table shipment add column label_state text not null default 'READY' check (label_state in ('READY','PENDING'));
alter table shipment add column label_provider text;

-- The end of a pickup at the providers that have one (EasyPost's scan form): one row per manifest and account,
-- written with the handover, sent by a worker, the document kept for the driver.
create table carrier_day_close (
    id                  bigint generated always as identity primary key,
    manifest_id         bigint not null references manifest(id),
    provider            text not null,
    carrier_account_id  bigint references carrier_account(id),
    status              text not null default 'PENDING' check (status in ('PENDING','CLOSED','NONE','FAILED')),
    reference           text,
    format              text,
    document            bytea,
    left_out            jsonb,
    attempts            integer not null default 0,
    next_attempt        timestamptz not null default now(),
    last_error          text,
    created_at          timestamptz not null default now(),
    closed_at           timestamptz,
    unique nulls not distinct (manifest_id, provider, carrier_account_id)
);
create index carrier_day_close_due on carrier_day_close (next_attempt, id) where status = 'PENDING';

-- The own-account range as a provider: one tracking number per parcel key for ever, so a repeated "buy" after a
-- crash answers the same number.
create table own_label (
    parcel_key       text primary key,
    tracking_number  text not null unique,
    created_at       timestamptz not null default now()
);
