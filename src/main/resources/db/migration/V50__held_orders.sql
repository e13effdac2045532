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

