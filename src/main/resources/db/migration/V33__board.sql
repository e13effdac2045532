-- The supervisor board: every instance LISTENs on 'surge_board' and recomputes its board when told.
-- Statement-level triggers, so a batch of 2,000 orders or a scan's several row updates send one
-- notification per statement; PostgreSQL folds identical notifications of one transaction into one,
-- and delivers them only at commit (a rolled-back scan moves nothing on the board).
create function board_touch() returns trigger language plpgsql as $$
begin
    perform pg_notify('surge_board', TG_TABLE_NAME);
    return null;
end $$;

do $$
declare t text;
begin
    foreach t in array array['orders', 'wave', 'pick_task', 'pick_stop', 'scan', 'pack_session', 'shipment',
                             'print_job', 'device', 'device_status', 'picking_policy', 'stock'] loop
        execute format('create trigger %I after insert or update or delete on %I
                        for each statement execute function board_touch()', t || '_board', t);
    end loop;
end $$;

-- The board's windows ("the last 15 minutes") read these without scanning history.
create index orders_created on orders(created_at);
create index pick_stop_done on pick_stop(done_at) where done_at is not null;
create index shipment_packed on shipment(packed_at);
create index shipment_station_packed on shipment(station, packed_at);
create index orders_open_exception on orders(id) where exception is not null and status not in ('SHIPPED','CANCELLED');
-- Printers' waiting jobs and pickers' held tasks, counted by the board and the metrics gauges.
create index print_job_waiting on print_job(printer) where status in ('QUEUED','HELD');
create index pick_task_held on pick_task(picker) where status in ('CLAIMED','PAUSED');
