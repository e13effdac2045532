-- A manifest is one handover to a carrier: the parcels that left on one truck, for one pickup.
create table manifest (
    id          bigint generated always as identity primary key,
    carrier     text not null,
    pickup_at   timestamptz,          -- the carrier pickup (cutoff) it served; null = everything packed
    actor       text not null,
    orders      integer not null,
    parcels     integer not null,
    units       integer not null,
    created_at  timestamptz not null default now()
);
create index manifest_carrier on manifest(carrier, created_at desc);

alter table shipment add column manifest_id bigint references manifest(id);
create index shipment_manifest on shipment(manifest_id) where manifest_id is not null;
