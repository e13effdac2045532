-- Picking: waves, pick tasks with routed stops, every scan, and count tasks raised by short picks.

-- Floor settings a supervisor changes at run time (auto release, wave caps).
create table picking_policy (
    id              integer primary key default 1 check (id = 1),
    auto_release    boolean not null default false,
    max_orders      integer not null default 500 check (max_orders > 0),
    max_units       integer not null default 2000 check (max_units > 0),
    max_totes       integer not null default 120 check (max_totes > 0),
    cart_totes      integer not null default 10 check (cart_totes between 1 and 48),
    bulk_task_units integer not null default 200 check (bulk_task_units > 0),  -- one tote, one trip
    horizon_hours   integer not null default 48 check (horizon_hours > 0),
    claim_timeout_s integer not null default 900 check (claim_timeout_s > 0),
    updated_at      timestamptz not null default now()
);
insert into picking_policy (id) values (1);

create table wave (
    id           bigint generated always as identity primary key,
    status       text not null check (status in ('PLANNED','RELEASED','COMPLETED','CANCELLED')),
    orders       integer not null,
    units        integer not null,
    totes        integer not null,
    earliest_deadline timestamptz,
    created_at   timestamptz not null default now(),
    created_by   text not null,
    released_at  timestamptz,
    completed_at timestamptz
);

alter table orders add column wave_id bigint references wave(id);
-- Set when a short pick could not be covered from another bin: a supervisor must look at it.
alter table orders add column exception text;
create index orders_wave on orders(wave_id);

create table pick_task (
    id            bigint generated always as identity primary key,
    wave_id       bigint not null references wave(id),
    kind          text not null check (kind in ('BULK','CLUSTER')),
    status        text not null check (status in ('OPEN','CLAIMED','PAUSED','DONE','CANCELLED')),
    zone          text,
    picker        text,
    claimed_at    timestamptz,
    heartbeat_at  timestamptz,
    urgency       timestamptz not null,            -- earliest ship-by of its orders
    priority      integer not null default 0,
    route_m       numeric(10,2) not null default 0,
    units         integer not null,
    created_at    timestamptz not null default now(),
    completed_at  timestamptz
);
create index pick_task_claimable on pick_task(priority desc, urgency, id) where status = 'OPEN';
create index pick_task_wave on pick_task(wave_id);

-- One stop of a route: take `quantity` of a SKU at a bin into a tote. `seq` is the route order.
create table pick_stop (
    id           bigint generated always as identity primary key,
    task_id      bigint not null references pick_task(id),
    seq          integer not null,
    location_id  bigint not null references location(id),
    product_id   bigint not null references product(id),
    sku          text not null,
    quantity     integer not null check (quantity > 0),
    picked       integer not null default 0 check (picked >= 0),
    tote_id      bigint not null references location(id),
    order_id     bigint references orders(id),      -- cluster picking: the order this tote holds
    phase        text not null default 'LOCATION' check (phase in ('LOCATION','ITEM','TOTE','DONE','SHORT','DROPPED')),
    done_at      timestamptz
);
create index pick_stop_task on pick_stop(task_id, seq);

-- Which reservations a stop serves: picking them moves those units from the bin to the tote.
alter table allocation add column stop_id bigint references pick_stop(id);
create index allocation_stop on allocation(stop_id);

-- Invariant 5: every scan, accepted or rejected, with device, user, place and result.
create table scan (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    device      text,
    actor       text not null,
    task_id     bigint,
    stop_id     bigint,
    location    text,
    code        text not null,
    expected    text,
    result      text not null check (result in ('ACCEPTED','REJECTED')),
    reason      text,
    message     text
);
create index scan_at on scan(at);
create index scan_task on scan(task_id);

create table count_task (
    id           bigint generated always as identity primary key,
    location_id  bigint not null references location(id),
    product_id   bigint references product(id),
    reason       text not null,
    status       text not null default 'OPEN' check (status in ('OPEN','DONE','CANCELLED')),
    created_at   timestamptz not null default now(),
    created_by   text not null
);

-- A carrier's daily pickup (UTC): an order must be packed before the last pickup at or before its ship-by.
create table carrier_cutoff (
    carrier     text primary key,
    cutoff      time not null,
    updated_at  timestamptz not null default now()
);

-- The moment an order must be ready to leave: its ship-by, pulled back to its carrier's last pickup before it.
create function order_deadline(ship_by timestamptz, carrier text) returns timestamptz
language sql stable as $$
    select coalesce(
        (select case when (ship_by at time zone 'UTC')::date + c.cutoff <= ship_by at time zone 'UTC'
                     then ((ship_by at time zone 'UTC')::date + c.cutoff) at time zone 'UTC'
                     else ((ship_by at time zone 'UTC')::date - 1 + c.cutoff) at time zone 'UTC' end
           from carrier_cutoff c where c.carrier = order_deadline.carrier),
        ship_by)
$$;
