-- Singles scan-and-ship takes the earliest-deadline PICKED single-unit order for the scanned item. V45 made
-- the claim read only the orders waiting at the tables, but it still joined and sorted every one of them on
-- every scan: 23 ms with 1,500 waiting, and 30% of PostgreSQL's time in the spike drill. This queue holds
-- each waiting single by item and deadline, so a claim is one index descent whatever the backlog.
-- A trigger on orders keeps it, so every path that picks, packs, cancels or reverts an order keeps it right.
create table singles_waiting (
    order_id   bigint primary key references orders (id) on delete cascade,
    product_id bigint not null,
    deadline   timestamptz not null,
    priority   int not null
);
create index singles_waiting_next on singles_waiting (product_id, deadline, priority desc, order_id);

create function singles_waiting_keep() returns trigger language plpgsql as $$
begin
    if new.status = 'PICKED' and new.units = 1 then
        insert into singles_waiting (order_id, product_id, deadline, priority)
        select new.id, l.product_id, order_deadline(new.ship_by, new.carrier), new.priority
          from order_line l where l.order_id = new.id
        on conflict (order_id) do update
            set product_id = excluded.product_id, deadline = excluded.deadline, priority = excluded.priority;
    elsif tg_op = 'UPDATE' then
        delete from singles_waiting where order_id = new.id;
    end if;
    return null;
end $$;

create trigger orders_singles_waiting_insert after insert on orders
    for each row when (new.status = 'PICKED' and new.units = 1) execute function singles_waiting_keep();
create trigger orders_singles_waiting_update after update on orders
    for each row when ((old.status = 'PICKED' and old.units = 1) or (new.status = 'PICKED' and new.units = 1))
    execute function singles_waiting_keep();

-- A carrier's new cutoff moves the deadlines of the singles already waiting.
create function singles_waiting_redate() returns trigger language plpgsql as $$
begin
    update singles_waiting q set deadline = order_deadline(o.ship_by, o.carrier)
      from orders o where o.id = q.order_id;
    return null;
end $$;
create trigger carrier_cutoff_singles_waiting after insert or update or delete on carrier_cutoff
    for each statement execute function singles_waiting_redate();

insert into singles_waiting (order_id, product_id, deadline, priority)
select o.id, l.product_id, order_deadline(o.ship_by, o.carrier), o.priority
  from orders o join order_line l on l.order_id = o.id
 where o.status = 'PICKED' and o.units = 1
on conflict (order_id) do nothing;

drop index orders_picked_singles; -- V45's index served only the claim this replaces
