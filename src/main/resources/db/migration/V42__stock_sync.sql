-- Stock sync to channels: when a product's available-to-promise may have changed, each of its channel
-- mappings gets one stock.level outbox event, debounced (at most one unsent per mapping, holding the
-- latest value).

-- Products whose stock changed, appended by statement-level triggers on stock (one insert per statement,
-- one row per distinct product in it) and drained by the stock-sync worker. Append-only on purpose: an
-- "insert ... on conflict do nothing" into a table keyed by product would wait on the worker's
-- uncommitted delete (stalling intake) and could lose a change committed while the worker reads ATP.
-- Rows here never conflict, so writers never wait on each other or on the worker.
create table stock_change (
    id          bigint generated always as identity primary key,
    product_id  bigint not null,
    at          timestamptz not null default now()
);

create function stock_change_ins() returns trigger language plpgsql as $$
begin
    insert into stock_change (product_id) select distinct product_id from new_rows where on_hand <> 0 or allocated <> 0;
    return null;
end $$;

create function stock_change_upd() returns trigger language plpgsql as $$
begin
    insert into stock_change (product_id)
    select distinct n.product_id from new_rows n join old_rows o on o.id = n.id
     where n.on_hand <> o.on_hand or n.allocated <> o.allocated or n.product_id <> o.product_id or n.location_id <> o.location_id;
    return null;
end $$;

create function stock_change_del() returns trigger language plpgsql as $$
begin
    insert into stock_change (product_id) select distinct product_id from old_rows where on_hand <> 0 or allocated <> 0;
    return null;
end $$;

create trigger stock_changed_ins after insert on stock referencing new table as new_rows
    for each statement execute function stock_change_ins();
create trigger stock_changed_upd after update on stock referencing old table as old_rows new table as new_rows
    for each statement execute function stock_change_upd();
create trigger stock_changed_del after delete on stock referencing old table as old_rows
    for each statement execute function stock_change_del();

-- A mapping created or its buffer changed, or an account switched on: its products are due a level too.
create function channel_sku_changed() returns trigger language plpgsql as $$
begin
    insert into stock_change (product_id) values (new.product_id);
    return null;
end $$;
create trigger channel_sku_changed after insert or update of safety_buffer, product_id on channel_sku
    for each row execute function channel_sku_changed();

create function channel_account_changed() returns trigger language plpgsql as $$
begin
    insert into stock_change (product_id) select distinct product_id from channel_sku where account_id = new.id;
    return null;
end $$;
create trigger channel_account_changed after update of active on channel_account
    for each row when (new.active and not old.active) execute function channel_account_changed();

-- Per mapping: what was last queued for the channel and the outbox row carrying it. The row is "in
-- flight" while that outbox row is unsent; a newer level then rewrites its payload instead of queueing
-- a second event.
create table channel_stock (
    account_id        bigint not null,
    channel_sku       text not null,
    product_id        bigint not null references product(id),
    quantity          integer not null,          -- last level queued (what the channel has or will get)
    atp               integer not null,          -- ATP it was computed from
    buffer            integer not null,          -- safety buffer it was computed with
    outbox_id         bigint references outbox(id) on delete set null,
    events            integer not null default 0, -- outbox rows written for this mapping
    rewrites          integer not null default 0, -- times an unsent row got a newer level instead of a new row
    changed_at        timestamptz not null default now(),
    primary key (account_id, channel_sku),
    foreign key (account_id, channel_sku) references channel_sku(account_id, channel_sku) on delete cascade
);
create index channel_stock_product on channel_stock(product_id);

-- The last stock.level event of a mapping (key 'account:product'), for the stock view.
create index outbox_stock_level on outbox(key, id) where topic = 'stock.level';
