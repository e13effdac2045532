-- Floor devices: scanners, printers and scales, from profile files in devices/ or the API.
create table device (
    name          text primary key check (name ~ '^[A-Z0-9][A-Z0-9_-]{1,47}$'),
    kind          text not null check (kind in ('SCANNER','PRINTER','SCALE')),
    connection    text not null check (connection in ('SERIAL','TCP','KEYBOARD')),
    -- SERIAL: port path and line settings; TCP: host and port
    port          text,
    baud          integer,
    data_bits     integer,
    parity        text,
    stop_bits     text,
    flow_control  text,
    host          text,
    tcp_port      integer check (tcp_port between 1 and 65535),
    -- protocol options: scanner suffix/prefix, printer dpi/label size/status, scale protocol/mode
    options       jsonb not null default '{}',
    -- binding: the pack station or picker it serves
    station       text references pack_station(code),
    picker        text,
    enabled       boolean not null default true,
    source        text not null default 'API' check (source in ('API','FILE')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    check ((connection = 'SERIAL') = (port is not null)),
    check ((connection = 'TCP') = (host is not null))
);
create index device_station on device(station) where station is not null;

-- Live state, written by the instance that owns the device (the one its port is plugged into).
create table device_status (
    name        text primary key references device(name) on delete cascade,
    state       text not null default 'UNKNOWN' check (state in ('UNKNOWN','ONLINE','OFFLINE','ERROR','DISABLED')),
    last_seen   timestamptz,
    last_error  text,
    error_at    timestamptz,
    counters    jsonb not null default '{}',
    detail      jsonb not null default '{}',   -- e.g. a printer's ~HS flags (paper out, head open, paused)
    instance    text,
    updated_at  timestamptz not null default now()
);

-- Print jobs name their printer device when the station has one; jobs of one printer go out in id order.
alter table print_job add column printer text references device(name);
create index print_job_printer on print_job(printer, id);
