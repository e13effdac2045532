-- Returns (RMA): an authorised return of shipped units, what came back unit by unit, and what was done
-- with each unit. The order stays SHIPPED; a return is its own flow:
--   OPEN (authorised, label sent) -> RECEIVED (first unit in) -> RESTOCKED | QUARANTINED | SCRAPPED when closed
--   (the best fate of any unit: restocked beats quarantined beats scrapped), CANCELLED when closed with nothing in.

create sequence rma_serial;

create table rma (
    id           bigint generated always as identity primary key,
    code         text not null unique,                 -- RMA-000123, printed as Code 128 on the return label
    order_id     bigint not null references orders(id),
    shop_id      bigint not null references shop(id),
    status       text not null default 'OPEN'
                 check (status in ('OPEN','RECEIVED','RESTOCKED','QUARANTINED','SCRAPPED','CANCELLED')),
    source       text not null check (source in ('STAFF','API','CHANNEL')),
    reference    text,                                 -- the channel's own return id: the same request twice is one RMA
    note         text,
    created_by   text not null,
    created_at   timestamptz not null default now(),
    received_at  timestamptz,
    closed_at    timestamptz,
    closed_by    text
);
create index rma_order on rma(order_id);
create index rma_shop_status on rma(shop_id, status, created_at desc);
create unique index rma_order_reference on rma(order_id, reference) where reference is not null;

create table rma_line (
    id          bigint generated always as identity primary key,
    rma_id      bigint not null references rma(id),
    line_no     integer not null,
    product_id  bigint not null references product(id),
    sku         text not null,
    quantity    integer not null check (quantity > 0),
    reason      text not null check (reason in ('DAMAGED','WRONG_ITEM','NOT_AS_DESCRIBED','CHANGED_MIND','OTHER')),
    received    integer not null default 0 check (received >= 0 and received <= quantity),  -- expected units in so far
    unique (rma_id, line_no),
    unique (rma_id, product_id)
);

-- Each unit that came back. unexpected: not on the RMA, or one more than its line expected (line_id then names
-- that line). product_id null: a code that names no product of the shop (it cannot go into stock).
create table rma_unit (
    id           bigint generated always as identity primary key,
    rma_id       bigint not null references rma(id),
    line_id      bigint references rma_line(id),
    product_id   bigint references product(id),
    code         text not null,
    unexpected   boolean not null,
    disposition  text not null check (disposition in ('RESTOCK','QUARANTINE','SCRAP')),
    location_id  bigint references location(id),
    stock_id     bigint references stock(id),          -- the row the unit went into (RESTOCK, QUARANTINE of a known product)
    note         text,
    photo_ref    text,
    actor        text not null,
    at           timestamptz not null default now(),
    check (disposition <> 'RESTOCK' or (product_id is not null and stock_id is not null))
);
create index rma_unit_rma on rma_unit(rma_id, id);
