-- The board hears the floor change through a sequence instead of NOTIFY. PostgreSQL serialises every
-- committing transaction that called pg_notify on one database-wide lock, held through the commit's WAL
-- flush: in the spike drill most sampled waits of the floor's backends were that lock at COMMIT (scans,
-- intake groups, labels queued behind each other's fsync). A sequence bump holds no lock until commit.
-- Every instance polls last_value (BoardSignals) and recomputes when it moved, and once more a moment
-- later, since the bump is seen before the transaction that made it commits.
create sequence board_change; -- cache 1 (the default): last_value moves on every bump

create or replace function board_touch() returns trigger language plpgsql as $$
begin
    perform nextval('board_change');
    return null;
end $$;
