-- Cycle counts (issue 8, part 3): count tasks from short picks, on demand and on an ABC schedule,
-- counted blind by scan; a variance within tolerance is adjusted at once, above it a supervisor
-- approves or orders a recount.
--
-- Status: OPEN (claimable) → CLAIMED (a counter holds it) → DONE (applied or nothing to apply)
-- or PENDING_APPROVAL (a variance above tolerance waits) → DONE (approved) or COUNTED (counted but
-- not applied: a recount was ordered and supersedes it). CANCELLED: withdrawn before counting.
alter table count_task drop constraint count_task_status_check;
alter table count_task add constraint count_task_status_check
    check (status in ('OPEN','CLAIMED','COUNTED','PENDING_APPROVAL','DONE','CANCELLED'));

-- picking.ShortPickService writes only location, product, reason and creator: the defaults of
-- source and priority are those of a short pick's task (a bin known to be wrong is counted first).
alter table count_task
    add column source       text not null default 'SHORT_PICK' check (source in ('SHORT_PICK','DEMAND','SCHEDULE','RECOUNT')),
    add column priority     integer not null default 7,
    add column abc_class    char(1) check (abc_class in ('A','B','C')),
    add column counter      text,
    add column claimed_at   timestamptz,
    add column phase        text not null default 'LOCATION' check (phase in ('LOCATION','ITEM')),
    add column last_product_id bigint references product(id),  -- the item a keyed quantity applies to
    add column counted_at   timestamptz,
    add column resolved_at  timestamptz,
    add column approved_by  text,
    add column recount_of   bigint references count_task(id),
    add column not_counters text[] not null default '{}';      -- who may not count it (a recount's earlier counters)

create index count_task_claimable on count_task(priority desc, id) where status = 'OPEN';
create index count_task_counter on count_task(counter) where status = 'CLAIMED';
create index count_task_location on count_task(location_id, status);

-- What was found per SKU. `expected` is on_hand at the bin when the count was finished (under the
-- stock row locks): the counter never sees it. `applied` says whether the variance is in the ledger.
create table count_line (
    id             bigint generated always as identity primary key,
    count_task_id  bigint not null references count_task(id),
    product_id     bigint not null references product(id),
    counted        integer not null default 0 check (counted >= 0),
    expected       integer,
    variance       integer,
    within_tolerance boolean,
    applied        boolean not null default false,
    unique (count_task_id, product_id)
);

-- Invariant 5 for counts: a count's scans are recorded beside the pick scans, tied to their count task.
alter table scan add column count_task_id bigint references count_task(id);
create index scan_count_task on scan(count_task_id) where count_task_id is not null;
