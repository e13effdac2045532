-- Packing: stations, carton types, shipments (parcels) with tracking number and SSCC, and the
-- print queue (invariant 6: a label asked for is printed or visibly failed, never lost).

create table carton_type (
    code            text primary key,
    name            text not null,
    length_mm       integer not null check (length_mm > 0),
    width_mm        integer not null check (width_mm > 0),
    height_mm       integer not null check (height_mm > 0),
    max_weight_g    integer not null check (max_weight_g > 0),
    tare_g          integer not null default 0 check (tare_g >= 0),
    active          boolean not null default true
);
insert into carton_type (code, name, length_mm, width_mm, height_mm, max_weight_g, tare_g) values
    ('MAILER-S', 'Padded mailer S', 250, 180, 40, 1000, 20),
    ('BOX-S', 'Box S', 200, 150, 100, 5000, 120),
    ('BOX-M', 'Box M', 300, 250, 150, 10000, 250),
    ('BOX-L', 'Box L', 400, 300, 250, 20000, 450);

create table pack_station (
    code            text primary key,
    kind            text not null default 'STANDARD' check (kind in ('STANDARD','SINGLES')),
    printer_host    text,
    printer_port    integer check (printer_port between 1 and 65535),
    label_dpi       integer not null default 203 check (label_dpi in (203, 300)),
    default_carton  text references carton_type(code),
    active          boolean not null default true,
    created_at      timestamptz not null default now()
);

-- The order being packed at a station and the units scanned into the open parcel.
create table pack_session (
    id          bigint generated always as identity primary key,
    station     text not null references pack_station(code),
    order_id    bigint not null references orders(id),
    packer      text not null,
    status      text not null default 'OPEN' check (status in ('OPEN','CLOSED')),
    opened_at   timestamptz not null default now(),
    closed_at   timestamptz
);
create unique index pack_session_open_station on pack_session(station) where status = 'OPEN';
create unique index pack_session_open_order on pack_session(order_id) where status = 'OPEN';

create table pack_item (
    session_id  bigint not null references pack_session(id),
    product_id  bigint not null references product(id),
    quantity    integer not null check (quantity > 0),
    primary key (session_id, product_id)
);

create sequence sscc_serial;
create sequence tracking_serial;

create table shipment (
    id               bigint generated always as identity primary key,
    order_id         bigint not null references orders(id),
    parcel_no        integer not null,
    station          text not null,
    carrier          text not null,
    service          text not null,
    tracking_number  text not null unique,
    sscc             text not null unique,
    carton           text references carton_type(code),
    weight_g         integer not null check (weight_g >= 0),
    status           text not null default 'PACKED' check (status in ('PACKED','SHIPPED','VOID')),
    packed_by        text not null,
    packed_at        timestamptz not null default now(),
    shipped_at       timestamptz,
    unique (order_id, parcel_no)
);
create index shipment_status on shipment(status, carrier);

create table shipment_line (
    shipment_id  bigint not null references shipment(id),
    product_id   bigint not null references product(id),
    sku          text not null,
    quantity     integer not null check (quantity > 0),
    primary key (shipment_id, product_id)
);

create table print_job (
    id            bigint generated always as identity primary key,
    station       text,
    shipment_id   bigint references shipment(id),
    format        text not null check (format in ('ZPL','PDF')),
    payload       bytea not null,
    printer_host  text,
    printer_port  integer,
    status        text not null default 'QUEUED' check (status in ('QUEUED','SENT','FAILED','HELD')),
    attempts      integer not null default 0,
    last_error    text,
    next_attempt  timestamptz not null default now(),
    created_at    timestamptz not null default now(),
    sent_at       timestamptz
);
create index print_job_queued on print_job(next_attempt, id) where status = 'QUEUED';

-- Outbox: events for the channels, written in the transaction of the change, sent by a worker.
create table outbox (
    id          bigint generated always as identity primary key,
    topic       text not null,
    key         text,
    payload     jsonb not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz,
    attempts    integer not null default 0
);
create index outbox_unsent on outbox(id) where sent_at is null;
