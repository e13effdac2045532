-- Bundles ("offres groupées"): a product sold as one listing but made of components (SKU x quantity)
-- of the same shop. A bundle has no stock of its own; intake explodes its order lines into component
-- lines, and its available-to-promise is the minimum over its components of floor(ATP / quantity).

create table bundle_component (
    bundle_id     bigint not null references product(id),
    component_id  bigint not null references product(id),
    quantity      integer not null check (quantity > 0),
    position      integer not null,                 -- the order the seller listed the components in
    primary key (bundle_id, component_id),
    check (bundle_id <> component_id)
);
create index bundle_component_component on bundle_component(component_id);

-- Backstop of the catalog's checks (which hold a per-shop lock, so two imports cannot build a nest):
-- same shop, and one level only (a component is never a bundle, a bundle never a component).
create function bundle_component_check() returns trigger language plpgsql as $$
begin
    if (select shop_id from product where id = new.bundle_id) <> (select shop_id from product where id = new.component_id) then
        raise exception using errcode = '23514', message = 'a bundle and its components belong to one shop';
    end if;
    if exists (select 1 from bundle_component where bundle_id = new.component_id)
       or exists (select 1 from bundle_component where component_id = new.bundle_id) then
        raise exception using errcode = '23514', message = 'a bundle cannot contain a bundle';
    end if;
    return new;
end $$;
create trigger bundle_component_check before insert or update on bundle_component
    for each row execute function bundle_component_check();

-- A bundle is never received, counted or put in a bin, whichever stock writer tries. Updates are looked
-- at only when units are added, so allocations and picks (the hot paths) never run the check.
create function stock_not_bundle() returns trigger language plpgsql as $$
begin
    if exists (select 1 from bundle_component where bundle_id = new.product_id) then
        raise exception using errcode = '23514', message = 'product ' || new.product_id || ' is a bundle: stock its components';
    end if;
    return new;
end $$;
create trigger stock_not_bundle before insert on stock for each row execute function stock_not_bundle();
create trigger stock_not_bundle_added before update of on_hand on stock
    for each row when (new.on_hand > old.on_hand) execute function stock_not_bundle();

-- Units a product can promise: unreserved units on sellable bins, or for a bundle how many whole
-- bundles its components make. One definition for stock sync, the channel stock view and the ATP view.
create function sellable_units(p bigint) returns integer language sql stable as $$
    select coalesce(sum(s.on_hand - s.allocated), 0)::int
      from stock s join location l on l.id = s.location_id
     where s.product_id = p and l.kind in ('PICK_FACE', 'RESERVE')
$$;
create function product_atp(p bigint) returns integer language sql stable as $$
    select coalesce((select min(sellable_units(bc.component_id) / bc.quantity)::int
                       from bundle_component bc where bc.bundle_id = p),
                    sellable_units(p))
$$;

-- A bundle's definition changed: its listings are due a new level.
create function bundle_component_changed() returns trigger language plpgsql as $$
begin
    insert into stock_change (product_id) values (coalesce(new.bundle_id, old.bundle_id));
    return null;
end $$;
create trigger bundle_component_changed after insert or update or delete on bundle_component
    for each row execute function bundle_component_changed();

-- Component lines keep the buyer's line they came from, so the order shows the bundle as ordered.
alter table order_line
    add column bundle_line_no  integer,   -- the buyer's line number (1-based, as sent)
    add column bundle_sku      text,      -- the bundle's SKU on that line
    add column bundle_quantity integer;   -- bundles ordered on that line
alter table order_line add constraint order_line_bundle_whole
    check ((bundle_line_no is null) = (bundle_sku is null) and (bundle_sku is null) = (bundle_quantity is null)
           and (bundle_quantity is null or bundle_quantity > 0)) not valid;
