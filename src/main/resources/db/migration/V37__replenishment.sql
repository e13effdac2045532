-- Replenishment (io.surgewms.inventory.replenishment): pick-face settings and the tasks that refill
-- a pick face from reserve, confirmed by scan like pick tasks.

-- How much of a SKU a pick-face bin should hold: below min it is refilled, up to max.
create table pick_face (
    location_id  bigint not null references location(id),
    product_id   bigint not null references product(id),
    min_qty      integer not null check (min_qty >= 0),
    max_qty      integer not null check (max_qty > 0),
    updated_at   timestamptz not null default now(),
    updated_by   text not null,
    primary key (location_id, product_id),
    constraint pick_face_min_below_max check (min_qty <= max_qty)
);
create index pick_face_product on pick_face(product_id);

-- Move `quantity` units of a SKU from a reserve bin to its pick face. MIN: the face fell below its min;
-- WAVE: a released wave's stops sent pickers to reserve for this SKU (those stops wait for the task,
-- see replenishment_stop). `picked` counts the units scanned so far; `moved` what the confirmation moved.
create table replenishment_task (
    id                bigint generated always as identity primary key,
    product_id        bigint not null references product(id),
    from_location_id  bigint not null references location(id),
    to_location_id    bigint not null references location(id),
    quantity          integer not null check (quantity > 0),
    picked            integer not null default 0 check (picked >= 0),
    moved             integer not null default 0 check (moved >= 0),
    status            text not null default 'OPEN' check (status in ('OPEN','CLAIMED','DONE','CANCELLED')),
    reason            text not null check (reason in ('MIN','WAVE')),
    wave_id           bigint references wave(id),
    priority          integer not null default 0,
    urgency           timestamptz,                      -- earliest ship-by of the picks waiting for it
    picker            text,
    claimed_at        timestamptz,
    heartbeat_at      timestamptz,
    phase             text not null default 'FROM' check (phase in ('FROM','ITEM','TO','DONE')),
    created_at        timestamptz not null default now(),
    created_by        text not null,
    done_at           timestamptz,
    note              text,
    constraint replenishment_between_bins check (from_location_id <> to_location_id)
);
-- One open task per face, SKU and source bin (the face's stock row lock serialises the triggers).
create unique index replenishment_task_open on replenishment_task(to_location_id, product_id, from_location_id)
    where status in ('OPEN','CLAIMED');
create index replenishment_task_claimable on replenishment_task((reason = 'WAVE') desc, priority desc, urgency, id)
    where status = 'OPEN';
create index replenishment_task_picker on replenishment_task(picker) where status = 'CLAIMED';

-- The pick stops (at the task's reserve bin) that the task will bring to the pick face. While the task is
-- OPEN or CLAIMED their pick tasks are not claimable; its confirmation re-points the stops and their
-- reservations to the pick face.
create table replenishment_stop (
    task_id  bigint not null references replenishment_task(id),
    stop_id  bigint not null references pick_stop(id),
    primary key (task_id, stop_id)
);
create index replenishment_stop_stop on replenishment_stop(stop_id);

-- Replenishment scans are recorded with the pick scans (invariant 5), named by their task here.
alter table scan add column replenishment_id bigint;
create index scan_replenishment on scan(replenishment_id) where replenishment_id is not null;
