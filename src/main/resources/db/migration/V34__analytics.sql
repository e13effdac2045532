-- Floor analytics (io.surgewms.board.analytics): every query is bounded by a time range on one of
-- these columns, so each one needs an index that starts with the time.
-- Not CONCURRENTLY: with Flyway's transactional lock (the default) that waits for Flyway's own
-- lock transaction and hangs. On a large live database, build these by hand with CONCURRENTLY
-- before upgrading; "if not exists" then skips them here.

-- Orders in and units picked per hour use orders_created and pick_stop_done (V33, shared with the board).
-- Parcels shipped per hour.
create index if not exists shipment_shipped on shipment(shipped_at) where shipped_at is not null;
-- Orders shipped (and their lead time): the SHIPPED transition only, a small part of order_event.
create index if not exists order_event_shipped on order_event(at) where to_status = 'SHIPPED';
