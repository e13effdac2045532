-- Surge WMS foundation: catalog, layout, stock + ledger, orders.
-- Invariants enforced here, not only in code: 0 <= allocated <= on_hand (CHECK),
-- one order per (shop, channel, external_id) (UNIQUE).

create table shop (
    id          bigint generated always as identity primary key,
    code        text not null unique,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table product (
    id          bigint generated always as identity primary key,
    shop_id     bigint not null references shop(id),
    sku         text not null,
    name        text not null,
    weight_g    integer not null default 0 check (weight_g >= 0),
    length_mm   integer not null default 0 check (length_mm >= 0),
    width_mm    integer not null default 0 check (width_mm >= 0),
    height_mm   integer not null default 0 check (height_mm >= 0),
    created_at  timestamptz not null default now(),
    unique (shop_id, sku)
);

-- A barcode names one product within a shop; the same GTIN may be held by two sellers of a 3PL.
create table product_barcode (
    id          bigint generated always as identity primary key,
    shop_id     bigint not null references shop(id),
    product_id  bigint not null references product(id) on delete cascade,
    barcode     text not null,
    kind        text not null check (kind in ('GTIN8','GTIN12','GTIN13','GTIN14','SHOP')),
    unique (shop_id, barcode)
);
create index product_barcode_barcode on product_barcode(barcode);
create index product_barcode_product on product_barcode(product_id);

-- The geometry a layout was generated from; routing reads it (aisles run along y).
create table layout (
    id              bigint generated always as identity primary key,
    zone            text not null unique,
    aisles          integer not null check (aisles > 0),
    bays            integer not null check (bays > 0),
    levels          integer not null check (levels > 0),
    cross_aisles    integer not null default 0 check (cross_aisles >= 0),
    bay_width_m     numeric(8,3) not null,
    aisle_pitch_m   numeric(8,3) not null,
    cross_aisle_m   numeric(8,3) not null,
    depot_x         numeric(10,3) not null,
    depot_y         numeric(10,3) not null,
    created_at      timestamptz not null default now()
);

create table location (
    id          bigint generated always as identity primary key,
    code        text not null unique,
    kind        text not null check (kind in ('PICK_FACE','RESERVE','TOTE','CART','STAGING','DOCK','QUARANTINE')),
    zone        text not null,
    aisle       integer,
    bay         integer,
    level       integer,
    position    integer,
    x           numeric(10,3) not null default 0,
    y           numeric(10,3) not null default 0,
    pick_seq    integer not null default 0,
    active      boolean not null default true,
    created_at  timestamptz not null default now()
);
create index location_zone_aisle on location(zone, aisle, bay);

create table stock (
    id          bigint generated always as identity primary key,
    product_id  bigint not null references product(id),
    location_id bigint not null references location(id),
    on_hand     integer not null default 0,
    allocated   integer not null default 0,
    updated_at  timestamptz not null default now(),
    unique (product_id, location_id),
    constraint stock_never_oversold check (allocated >= 0 and allocated <= on_hand)
);
create index stock_location on stock(location_id);

create table receipt (
    id          bigint generated always as identity primary key,
    shop_id     bigint not null references shop(id),
    reference   text not null,
    actor       text not null,
    received_at timestamptz not null default now()
);

create table orders (
    id                bigint generated always as identity primary key,
    shop_id           bigint not null references shop(id),
    channel           text not null check (channel in ('tiktok','shopify','csv','api')),
    external_id       text not null,
    status            text not null check (status in ('RECEIVED','ALLOCATED','BACKORDERED','RELEASED','PICKING','PICKED','PACKED','SHIPPED','CANCELLED')),
    ship_by           timestamptz not null,
    carrier           text not null,
    service           text not null,
    priority          integer not null default 0,
    content_tag       text,
    ship_to_name      text not null,
    ship_to_line1     text not null,
    ship_to_line2     text,
    ship_to_city      text not null,
    ship_to_region    text,
    ship_to_postal    text not null,
    ship_to_country   text not null,
    ship_to_phone     text,
    ship_to_email     text,
    backorder_reason  text,
    units             integer not null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint orders_identity unique (shop_id, channel, external_id)
);
create index orders_status_ship_by on orders(status, ship_by);
create index orders_shop_created on orders(shop_id, created_at desc);
create index orders_backordered on orders(ship_by, id) where status = 'BACKORDERED';

create table order_line (
    id          bigint generated always as identity primary key,
    order_id    bigint not null references orders(id),
    line_no     integer not null,
    product_id  bigint not null references product(id),
    sku         text not null,
    quantity    integer not null check (quantity > 0),
    unique (order_id, line_no)
);
create index order_line_product on order_line(product_id);

-- A reservation of units at one bin for one order line. Released rows stay for history.
create table allocation (
    id          bigint generated always as identity primary key,
    order_id    bigint not null references orders(id),
    line_id     bigint not null references order_line(id),
    stock_id    bigint not null references stock(id),
    quantity    integer not null check (quantity > 0),
    status      text not null default 'ACTIVE' check (status in ('ACTIVE','RELEASED','PICKED','SHIPPED')),
    created_at  timestamptz not null default now()
);
create index allocation_order on allocation(order_id);
create index allocation_line on allocation(line_id);
create index allocation_stock_active on allocation(stock_id) where status = 'ACTIVE';

-- Append-only: every change of stock.on_hand or stock.allocated has its row here.
create table stock_ledger (
    id               bigint generated always as identity primary key,
    stock_id         bigint not null references stock(id),
    kind             text not null check (kind in ('RECEIPT','ADJUSTMENT','MOVE_OUT','MOVE_IN','ALLOCATE','RELEASE','PICK','SHIP','RETURN','COUNT')),
    delta_on_hand    integer not null default 0,
    delta_allocated  integer not null default 0,
    order_id         bigint,
    reference        text,
    actor            text not null,
    note             text,
    created_at       timestamptz not null default now()
);
create index stock_ledger_stock on stock_ledger(stock_id);
create index stock_ledger_created on stock_ledger(created_at);

create table order_event (
    id           bigint generated always as identity primary key,
    order_id     bigint not null references orders(id),
    from_status  text,
    to_status    text not null,
    actor        text not null,
    note         text,
    at           timestamptz not null default now()
);
create index order_event_order on order_event(order_id);
create index order_event_at on order_event(at);
