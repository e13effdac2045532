-- A label send in flight: the sender commits its intent before the bytes leave, so a sender that dies
-- mid-send (kill -9, lost database) leaves a QUEUED job with sending_since set, and the next sender
-- asks the printer whether the label arrived instead of printing it a second time.
alter table print_job add column sending_since timestamptz;
-- The printer's label counter (odometer) and the label formats waiting in its buffer (~HS eee), read
-- just before the send; null when the printer keeps no counter, and then an in-flight job is HELD.
alter table print_job add column printer_count_before bigint;
alter table print_job add column printer_buffered_before integer;
