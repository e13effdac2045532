-- Print queue per printer: a job's target is its printer device, else the station's host:port.
-- Only the oldest QUEUED job of a target may be sent (head of line), so labels leave in id order.
alter table print_job add column target text generated always as
    (coalesce('device:' || printer, 'tcp:' || printer_host || ':' || printer_port::text)) stored;
-- How the last send ended (CONFIRMED, WRITTEN, UNREACHABLE, UNCONFIRMED): an UNCONFIRMED job is only
-- resent after the printer answered a status request again, so a stuck printer does not pile up copies.
alter table print_job add column last_outcome text;
-- The job this one reprints (history: the original stays as it was).
alter table print_job add column reprint_of bigint references print_job(id);
create index print_job_target_head on print_job(target, id) where status = 'QUEUED';
