#!/usr/bin/env bash
# Intake benchmark: a viral spike of orders against one Surge WMS instance, compared with the raw
# floor (what PostgreSQL alone does for one order per transaction, measured with pgbench).
#
#   bench/intake.sh            (no arguments; builds what it needs; 3-5 minutes)
#
# Steps: build; fresh database surge_bench; start the service in prod mode on port 8190; seed a
# catalogue and 100,000 orders of history (SQL) and stock (receipts API); pgbench floor
# (bench/intake-floor.sql); warm-up; HTTP spike with bench/IntakeLoad.java in two modes (single:
# one order per request, 64 clients; batch: 1,000 orders per request, 4 clients), each on freshly
# reset orders and stock, each followed by checks (lost orders, oversold units,
# ledger = stock, no duplicate identity). Prints a table; the last line is the RESULT line.
# Writes only under bench/out/ (and the build's target/). Optional environment overrides:
# BENCH_ORDERS (50000), BENCH_SINGLE_CLIENTS (64), BENCH_BATCH_CLIENTS (4), BENCH_BATCH_SIZE (1000),
# BENCH_FLOOR_SECONDS (20), BENCH_FLOOR_CLIENTS (8), BENCH_SKIP_BUILD (unset).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"

DB=surge_bench
PORT=8190
BASE="http://127.0.0.1:$PORT"
ORDERS=${BENCH_ORDERS:-50000}
SINGLE_CLIENTS=${BENCH_SINGLE_CLIENTS:-64}
BATCH_CLIENTS=${BENCH_BATCH_CLIENTS:-4}
BATCH_SIZE=${BENCH_BATCH_SIZE:-1000}
FLOOR_SECONDS=${BENCH_FLOOR_SECONDS:-20}
FLOOR_CLIENTS=${BENCH_FLOOR_CLIENTS:-8}
STOCK_SHARE=85          # percent of the viral demand that is in stock
WARMUP_ORDERS=4000

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
PGBENCH=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
TICKS=$(getconf CLK_TCK)

log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
die() { log "FAILED: $*"; exit 1; }
q() { "${PSQL[@]}" -At -c "$1"; }

SVC=""
stop_service() {
  if [[ -n "$SVC" ]] && kill -0 "$SVC" 2>/dev/null; then
    kill "$SVC" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SVC" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SVC" 2>/dev/null && kill -9 "$SVC" 2>/dev/null || true
    wait "$SVC" 2>/dev/null || true
  fi
  SVC=""
}
trap stop_service EXIT
trap 'exit 130' INT TERM

START=$SECONDS
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before the run: $LOAD_BEFORE on $(nproc) cores"

# ---------- 1. build, fresh database, service ----------
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  log "building (./mvnw -q -DskipTests package)"
  ./mvnw -q -DskipTests package > "$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; die "build"; }
fi
[[ -f target/quarkus-app/quarkus-run.jar ]] || die "target/quarkus-app/quarkus-run.jar missing"

# The service installs this key for its first admin; curl and the load generator send it.
export SURGE_BENCH_KEY="sk_bench_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
if curl -s -o /dev/null "$BASE/q/health/ready"; then die "port $PORT is already in use: stop that process first"; fi
log "recreating database $DB"
dropdb --if-exists --force "$DB"
createdb "$DB"

log "starting the service on port $PORT (prod profile, log in bench/out/service.log)"
SURGE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SURGE_HTTP_PORT=$PORT \
  SURGE_ADMIN_PASSWORD="bench-admin-password" SURGE_ADMIN_KEY="$SURGE_BENCH_KEY" java -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
SVC=$!
for _ in $(seq 1 120); do
  kill -0 "$SVC" 2>/dev/null || { tail -30 "$OUT/service.log"; die "service exited"; }
  curl -fs -o /dev/null "$BASE/q/health/ready" && break
  sleep 0.5
done
curl -fs -o /dev/null "$BASE/q/health/ready" || die "service not ready after 60 s"
log "service ready (pid $SVC)"

# ---------- 2. catalogue (SQL) and stock (receipts API) ----------
log "seeding catalogue: shops bench + pgbench, 500 + 100 products, 2,100 locations (zones A and P)"
"${PSQL[@]}" <<'SQL'
insert into shop (code, name) values ('bench', 'Bench shop'), ('pgbench', 'pgbench floor shop');
insert into product (shop_id, sku, name, weight_g, length_mm, width_mm, height_mm)
select (select id from shop where code = 'bench'), format('SKU-%s', lpad(g::text, 4, '0')),
       case when g <= 3 then 'Viral item ' else 'Catalogue item ' end || g, 50 + g % 900, 100, 80, 20 + g % 50
  from generate_series(1, 500) g;
insert into product (shop_id, sku, name, weight_g)
select (select id from shop where code = 'pgbench'), format('PGB-%s', lpad(g::text, 4, '0')), 'pgbench item ' || g, 100
  from generate_series(1, 100) g;
-- Zone A: 20 aisles x 25 bays x 4 levels; level 1 is the pick face, levels 2-4 reserve.
insert into location (code, kind, zone, aisle, bay, level, position, x, y, pick_seq)
select format('A-%s-%s-%s', lpad(a::text, 2, '0'), lpad(b::text, 2, '0'), l),
       case when l = 1 then 'PICK_FACE' else 'RESERVE' end, 'A', a, b, l, 1,
       a * 3.0, b * 1.2, (a - 1) * 25 + b
  from generate_series(1, 20) a, generate_series(1, 25) b, generate_series(1, 4) l;
-- Zone P: the pgbench shop's bins.
insert into location (code, kind, zone, aisle, bay, level, position, pick_seq)
select format('P-%s', lpad(g::text, 3, '0')), 'PICK_FACE', 'P', 1, g, 1, 1, g from generate_series(1, 100) g;
SQL

# A warehouse database is never empty: 100,000 shipped orders of an archive shop with their lines,
# events and (picked) reservations, ~200,000 each. Without history, plans made while orders,
# order_line and allocation are empty (foreign-key checks, the order read-back) stay sequential
# scans, and on this server (autovacuum = off) no ANALYZE ever replaces them during a run.
# Foreign keys hold by construction here, so their triggers are off while the history is loaded.
log "seeding order history: 100,000 shipped orders of shop archive"
"${PSQL[@]}" <<'SQL'
set session_replication_role = replica;
insert into shop (code, name) values ('archive', 'Archive shop (order history)');
insert into product (shop_id, sku, name, weight_g)
select (select id from shop where code = 'archive'), format('ARC-%s', lpad(g::text, 4, '0')), 'Archived item ' || g, 100
  from generate_series(1, 200) g;
insert into orders (shop_id, channel, external_id, status, ship_by, carrier, service, ship_to_name, ship_to_line1,
                    ship_to_city, ship_to_postal, ship_to_country, units, created_at, updated_at)
select s.id, 'shopify', 'hist-' || g, 'SHIPPED', t + interval '1 day', 'UPS', 'GROUND', 'Buyer ' || g, g || ' Old Rd',
       'Austin', '78701', 'US', 1 + g % 3, t, t + interval '1 day'
  from (select id from shop where code = 'archive') s, generate_series(1, 100000) g,
       lateral (select timestamptz '2026-01-01' + g * interval '5 minutes' t) x;
insert into order_line (order_id, line_no, product_id, sku, quantity)
select o.id, l, p.id, p.sku, 1
  from orders o cross join lateral generate_series(1, o.units) l
  join product p on p.shop_id = o.shop_id and p.sku = format('ARC-%s', lpad((1 + (o.id * 7 + l) % 200)::text, 4, '0'))
 where o.shop_id = (select id from shop where code = 'archive');
insert into order_event (order_id, from_status, to_status, actor, at)
select o.id, e.f, e.t, 'history', o.created_at + e.d
  from orders o cross join (values ('RECEIVED', 'ALLOCATED', interval '0'), ('PACKED', 'SHIPPED', interval '1 day')) e(f, t, d)
 where o.shop_id = (select id from shop where code = 'archive');
-- The archive's bins are empty now (every unit shipped): stock rows at 0/0; their past ledger rows are left out.
insert into location (code, kind, zone, aisle, bay, level, position, pick_seq)
select format('H-%s', lpad(g::text, 3, '0')), 'RESERVE', 'H', 1, g, 1, 1, g from generate_series(1, 200) g;
insert into stock (product_id, location_id, on_hand, allocated)
select p.id, l.id, 0, 0 from product p join location l on l.code = 'H-' || substr(p.sku, 6)
 where p.shop_id = (select id from shop where code = 'archive');
insert into allocation (order_id, line_id, stock_id, quantity, status, created_at)
select ol.order_id, ol.id, s.id, ol.quantity, 'PICKED', o.created_at
  from order_line ol join orders o on o.id = ol.order_id join stock s on s.product_id = ol.product_id
 where o.shop_id = (select id from shop where code = 'archive');
analyze;
SQL

# Exact viral demand of the deterministic order set; stock STOCK_SHARE % of it.
java bench/IntakeLoad.java --mode plan --orders "$ORDERS" > "$OUT/plan.txt"
declare -A DEMAND STOCKED
VIRAL_SKUS=()
while read -r sku n; do
  VIRAL_SKUS+=("$sku"); DEMAND[$sku]=$n; STOCKED[$sku]=$(( n * STOCK_SHARE / 100 ))
done < "$OUT/plan.txt"
VIRAL_LIST=$(printf "'%s'," "${VIRAL_SKUS[@]}"); VIRAL_LIST=${VIRAL_LIST%,}
VIRAL_STOCK_SQL=""
for sku in "${VIRAL_SKUS[@]}"; do VIRAL_STOCK_SQL+="('$sku', ${STOCKED[$sku]}),"; done
VIRAL_STOCK_SQL=${VIRAL_STOCK_SQL%,}
log "viral demand: $(for s in "${VIRAL_SKUS[@]}"; do printf '%s=%s (stock %s) ' "$s" "${DEMAND[$s]}" "${STOCKED[$s]}"; done)"

# Receipt bodies are built by PostgreSQL (json_agg), posted with curl.
# Viral SKUs: their pick face + the 3 reserve bins above it, a quarter each.
# Other SKUs: 300 at the pick face, 1,000 in reserve (demand is ~120 units per SKU).
q "select json_build_object('shop', 'bench', 'reference', 'bench-seed', 'lines', json_agg(json_build_object(
          'sku', sku, 'location', loc, 'quantity', qty) order by sku, loc))
     from (select p.sku, format('A-%s-%s-%s', lpad(((n - 1) / 25 + 1)::text, 2, '0'), lpad(((n - 1) % 25 + 1)::text, 2, '0'), l) loc,
                  case when v.total is not null then v.total / 4 + case when l = 1 then v.total % 4 else 0 end
                       when l = 1 then 300 else 1000 end qty
             from product p cross join lateral (select substr(p.sku, 5)::int n) k
             left join (values $VIRAL_STOCK_SQL) v(sku, total) on v.sku = p.sku
             cross join generate_series(1, 4) l
            where p.shop_id = (select id from shop where code = 'bench')
              and (l <= 2 or v.total is not null)) r where qty > 0" > "$OUT/receipt-bench.json"
q "select json_build_object('shop', 'pgbench', 'reference', 'pgbench-seed', 'lines', json_agg(json_build_object(
          'sku', p.sku, 'location', format('P-%s', lpad(substr(p.sku, 5)::int::text, 3, '0')), 'quantity', 1000000) order by p.sku))
     from product p where p.shop_id = (select id from shop where code = 'pgbench')" > "$OUT/receipt-pgbench.json"
for f in receipt-bench receipt-pgbench; do
  curl -fsS -o "$OUT/$f.answer.json" -H "Authorization: Bearer $SURGE_BENCH_KEY" -H 'Content-Type: application/json' --data-binary "@$OUT/$f.json" "$BASE/api/inventory/receipts" \
    || die "receipt $f"
done
"${PSQL[@]}" -c "vacuum analyze"
SEEDED=$(q "select count(*) || ' stock rows, ' || sum(on_hand) || ' units' from stock")
log "stock received through the API: $SEEDED"

# ---------- 3. raw floor: pgbench, one order per transaction ----------
read -r PGB_SHOP V0 V1 VN C0 C1 CN <<<"$(q "
  select (select id from shop where code = 'pgbench'),
         min(s.id) filter (where p.sku <= 'PGB-0003'), max(s.id) filter (where p.sku <= 'PGB-0003'), count(*) filter (where p.sku <= 'PGB-0003'),
         min(s.id) filter (where p.sku > 'PGB-0003'), max(s.id) filter (where p.sku > 'PGB-0003'), count(*) filter (where p.sku > 'PGB-0003')
    from stock s join product p on p.id = s.product_id join shop sh on sh.id = p.shop_id where sh.code = 'pgbench'" | tr '|' ' ')"
(( V1 - V0 + 1 == 3 && VN == 3 && C1 - C0 + 1 == CN )) || die "pgbench stock ids are not contiguous ($V0..$V1, $C0..$C1)"
log "raw floor: pgbench -c $FLOOR_CLIENTS -j 2 -T $FLOOR_SECONDS -M prepared -f bench/intake-floor.sql"
"$PGBENCH" -n -M prepared -c "$FLOOR_CLIENTS" -j 2 -T "$FLOOR_SECONDS" -D shop="$PGB_SHOP" -D v0="$V0" -D c0="$C0" -D cn="$CN" \
  -f bench/intake-floor.sql "$DB" > "$OUT/pgbench.log" 2>&1 || { cat "$OUT/pgbench.log"; die "pgbench"; }
FLOOR_TPS=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench.log" | tail -1)
FLOOR_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$OUT/pgbench.log")
FLOOR_TX=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$OUT/pgbench.log")
[[ -n "$FLOOR_TPS" ]] || { cat "$OUT/pgbench.log"; die "no tps in pgbench output"; }
FLOOR_OK=$(q "select (select count(*) from orders o join shop s on s.id = o.shop_id where s.code = 'pgbench')
                   = (select coalesce(sum(allocated), 0) from stock s join product p on p.id = s.product_id join shop sh on sh.id = p.shop_id where sh.code = 'pgbench')")
[[ "$FLOOR_OK" == t ]] || die "pgbench orders and allocated units disagree"
curl -fsS -H "Authorization: Bearer $SURGE_BENCH_KEY" "$BASE/api/inventory/reconciliation" | grep -q '"consistent":true' || die "ledger and stock disagree after pgbench"
log "raw floor: $FLOOR_TPS orders/s ($FLOOR_TX orders, avg latency $FLOOR_LAT ms)"

# ---------- helpers for the HTTP modes ----------
reset_orders() { # orders of the bench and pgbench shops go, with everything they wrote; the history stays
  # Foreign-key triggers off for this session only (children are deleted first): allocation.line_id
  # has no index, so each deleted order_line row would scan allocation and the reset would take minutes.
  "${PSQL[@]}" <<'SQL'
set session_replication_role = replica;
begin;
create temp table gone as select id from orders where shop_id in (select id from shop where code in ('bench', 'pgbench'));
delete from order_event where order_id in (select id from gone);
delete from allocation where order_id in (select id from gone);
delete from order_line where order_id in (select id from gone);
delete from orders where id in (select id from gone);
delete from stock_ledger where kind <> 'RECEIPT';
update stock set allocated = 0, updated_at = now() where allocated <> 0;
commit;
vacuum analyze;
checkpoint;
SQL
  local seeded
  seeded=$(q "select count(*) || ' stock rows, ' || sum(on_hand) || ' units' from stock where allocated = 0")
  [[ "$seeded" == "$SEEDED" ]] || die "reset left stock at '$seeded', seeded '$SEEDED'"
}

metric() { # metric NAME: value from /q/metrics (0 when absent)
  curl -fsS "$BASE/q/metrics" | awk -v n="$1" '$1 == n { v = $2 } END { printf "%s", (v == "" ? 0 : v) }'
}
proc_cpu() { # CPU seconds (user + system) of a pid
  awk -v t="$TICKS" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo 0
}
proc_sys() { # CPU seconds in the kernel of a pid
  awk -v t="$TICKS" '{ printf "%.2f", $15 / t }' "/proc/$1/stat" 2>/dev/null || echo 0
}
pg_cpu() { # CPU seconds of the backends connected to the bench database
  local sum=0 pid
  for pid in $(q "select pid from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()"); do
    sum=$(awk -v s="$sum" -v c="$(proc_cpu "$pid")" 'BEGIN { printf "%.2f", s + c }')
  done
  echo "$sum"
}
machine_busy() { # busy and total jiffies of the whole machine
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}
snapshot() { # one line of counters
  printf '%s %s %s %s %s %s %s %s %s\n' \
    "$(metric surge_intake_group_size_count)" "$(metric surge_intake_group_size_sum)" "$(metric surge_intake_group_commit_seconds_sum)" \
    "$(proc_cpu "$SVC")" "$(proc_sys "$SVC")" "$(pg_cpu)" "$(q "select xact_commit from pg_stat_database where datname = '$DB'")" \
    "$(q "select wal_bytes from pg_stat_wal")" "$(machine_busy)"
}

declare -A R
run_mode() { # run_mode NAME CLIENTS [driver options...]
  local mode=$1 clients=$2; shift 2
  local accepted="$OUT/accepted-$mode.tsv"
  reset_orders
  log "HTTP $mode: $ORDERS orders, $clients clients $*"
  local before after stat
  before=$(snapshot)
  stat=$(java bench/IntakeLoad.java --mode "$mode" --run "$mode" --orders "$ORDERS" --clients "$clients" --url "$BASE" \
           --accepted "$accepted" "$@" 2> "$OUT/driver-$mode.err" | grep '^STAT') || { cat "$OUT/driver-$mode.err"; die "driver $mode"; }
  after=$(snapshot)
  echo "$stat" > "$OUT/stat-$mode.txt"
  [[ -s "$OUT/driver-$mode.err" ]] && sed 's/^/  driver: /' "$OUT/driver-$mode.err" | head -5
  local k v
  for kv in ${stat#STAT }; do k=${kv%%=*}; v=${kv#*=}; R[$mode.$k]=$v; done
  # intake internals over the run: groups, orders per group, writer time, CPU, commits, WAL
  read -r g0 gs0 gt0 sc0 ss0 pc0 x0 w0 mb0 mt0 <<<"$before"
  read -r g1 gs1 gt1 sc1 ss1 pc1 x1 w1 mb1 mt1 <<<"$after"
  local wall=${R[$mode.wall_s]}
  R[$mode.groups]=$(awk -v a="$g0" -v b="$g1" 'BEGIN { printf "%d", b - a }')
  R[$mode.group_avg]=$(awk -v a="$gs0" -v b="$gs1" -v n="${R[$mode.groups]}" 'BEGIN { printf "%.1f", n ? (b - a) / n : 0 }')
  R[$mode.commit_ms]=$(awk -v a="$gt0" -v b="$gt1" -v n="${R[$mode.groups]}" 'BEGIN { printf "%.1f", n ? (b - a) * 1000 / n : 0 }')
  R[$mode.writer_busy]=$(awk -v a="$gt0" -v b="$gt1" -v w="$wall" 'BEGIN { printf "%.0f", (b - a) * 100 / w }')
  R[$mode.svc_cpu_ms]=$(awk -v a="$sc0" -v b="$sc1" -v n="$ORDERS" 'BEGIN { printf "%.3f", (b - a) * 1000 / n }')
  R[$mode.svc_sys]=$(awk -v a="$sc0" -v b="$sc1" -v c="$ss0" -v d="$ss1" 'BEGIN { printf "%.0f", (b - a) ? (d - c) * 100 / (b - a) : 0 }')
  R[$mode.pg_cpu_ms]=$(awk -v a="$pc0" -v b="$pc1" -v n="$ORDERS" 'BEGIN { printf "%.3f", (b - a) * 1000 / n }')
  R[$mode.drv_cpu_ms]=$(awk -v c="${R[$mode.driver_cpu_s]}" -v n="$ORDERS" 'BEGIN { printf "%.3f", c * 1000 / n }')
  R[$mode.commits]=$(( x1 - x0 ))
  R[$mode.wal_per_order]=$(awk -v a="$w0" -v b="$w1" -v n="$ORDERS" 'BEGIN { printf "%.0f", (b - a) / n }')
  R[$mode.machine_busy]=$(awk -v a="$mb0" -v b="$mb1" -v c="$mt0" -v d="$mt1" 'BEGIN { printf "%.0f", (d - c) ? (b - a) * 100 / (d - c) : 0 }')
  check_mode "$mode" "$accepted"
  log "$mode: ${R[$mode.accepted_per_s]} orders/s, p50 ${R[$mode.p50_ms]} ms, p99 ${R[$mode.p99_ms]} ms, lost ${R[$mode.lost]}, oversold ${R[$mode.oversold]}"
}

check_mode() { # check_mode NAME ACCEPTED_FILE
  local mode=$1 file=$2 line
  line=$("${PSQL[@]}" -At -F ' ' <<SQL
create temp table accepted (channel text, external_id text);
\copy accepted from '$file'
with bench as (select id from shop where code = 'bench'),
received as (select s.product_id, sum(l.delta_on_hand) units
               from stock_ledger l join stock s on s.id = l.stock_id where l.kind = 'RECEIPT' group by 1),
sold as (select ol.product_id, sum(ol.quantity) units
           from order_line ol join orders o on o.id = ol.order_id where o.status = 'ALLOCATED' group by 1),
active as (select stock_id, sum(quantity) units from allocation where status = 'ACTIVE' group by 1)
select
  (select count(*) from accepted),
  (select count(*) from accepted a where not exists (
      select 1 from orders o where o.shop_id = (select id from bench) and o.channel = a.channel and o.external_id = a.external_id)),
  (select coalesce(sum(greatest(0, allocated - on_hand)), 0) from stock)
    + (select coalesce(sum(greatest(0, sold.units - coalesce(received.units, 0))), 0) from sold left join received using (product_id)),
  (select count(*) from (select 1 from orders group by shop_id, channel, external_id having count(*) > 1) d),
  (select count(*) from stock s left join active a on a.stock_id = s.id where s.allocated <> coalesce(a.units, 0)),
  (select count(*) from orders where shop_id = (select id from bench)),
  (select count(*) from orders where shop_id = (select id from bench) and status = 'ALLOCATED'),
  (select count(*) from orders where shop_id = (select id from bench) and status = 'BACKORDERED'),
  (select coalesce(sum(on_hand - allocated), 0) from stock s join product p on p.id = s.product_id
     where p.shop_id = (select id from bench) and p.sku in ($VIRAL_LIST)),
  (select count(*) from orders o where o.shop_id = (select id from bench) and o.status = 'BACKORDERED'
      and exists (select 1 from order_line ol where ol.order_id = o.id and ol.sku in ($VIRAL_LIST)));
SQL
)
  read -r "R[$mode.acc_file]" "R[$mode.lost]" "R[$mode.oversold]" "R[$mode.dups]" "R[$mode.alloc_mismatch]" "R[$mode.in_db]" \
          "R[$mode.db_allocated]" "R[$mode.db_backordered]" "R[$mode.viral_left]" "R[$mode.viral_backordered]" <<<"$(tail -1 <<<"$line")"
  R[$mode.reconciled]=$(curl -fsS -H "Authorization: Bearer $SURGE_BENCH_KEY" "$BASE/api/inventory/reconciliation" | grep -q '"consistent":true' && echo yes || echo NO)
}

# ---------- 4. warm-up (JIT of service and driver paths), then the two modes ----------
reset_orders
log "warm-up: $WARMUP_ORDERS single + $WARMUP_ORDERS batched orders (not measured)"
java bench/IntakeLoad.java --mode single --run warm --orders "$WARMUP_ORDERS" --clients "$SINGLE_CLIENTS" --url "$BASE" \
  --accepted "$OUT/accepted-warm.tsv" > /dev/null 2>&1 || die "warm-up single"
java bench/IntakeLoad.java --mode batch --run warmb --orders "$WARMUP_ORDERS" --clients "$BATCH_CLIENTS" --batch-size "$BATCH_SIZE" \
  --url "$BASE" --accepted "$OUT/accepted-warmb.tsv" > /dev/null 2>&1 || die "warm-up batch"

run_mode single "$SINGLE_CLIENTS"
run_mode batch "$BATCH_CLIENTS" --batch-size "$BATCH_SIZE"

# ---------- 5. report ----------
row() { printf '%-44s %16s %16s\n' "$1" "$2" "$3"; }
m() { row "$1" "${R[single.$2]}" "${R[batch.$2]}"; }
echo
echo "Intake benchmark: $ORDERS orders per mode, 80% single units of 3 viral SKUs (stocked ${STOCK_SHARE}% of demand), 20% 1-5 lines"
echo "machine: $(nproc) cores, load average before the run $LOAD_BEFORE (the cores are shared: other work counts)"
printf 'raw floor (pgbench, %s clients, %s s, one order per transaction): %s orders/s, avg latency %s ms\n' \
  "$FLOOR_CLIENTS" "$FLOOR_SECONDS" "$(printf '%.0f' "$FLOOR_TPS")" "$FLOOR_LAT"
echo
row "" "single" "batch"
row "orders per request / concurrent clients" "1 / ${R[single.clients]}" "${R[batch.batch_size]} / ${R[batch.clients]}"
m "requests" requests
m "wall time (s)" wall_s
m "accepted orders/s" accepted_per_s
row "  vs raw floor (x)" "$(awk -v a="${R[single.accepted_per_s]}" -v f="$FLOOR_TPS" 'BEGIN { printf "%.2f", a / f }')" \
    "$(awk -v a="${R[batch.accepted_per_s]}" -v f="$FLOOR_TPS" 'BEGIN { printf "%.2f", a / f }')"
m "request latency p50 (ms)" p50_ms
m "request latency p99 (ms)" p99_ms
m "request latency max (ms)" max_ms
m "accepted orders (2xx; CREATED/EXISTING)" accepted
m "  rejected (non-2xx or REJECTED)" rejected
m "  created" created
m "  existing (repeat)" existing
m "  answered ALLOCATED" allocated
m "  answered BACKORDERED" backordered
m "orders in database (bench shop)" in_db
m "  ALLOCATED in database" db_allocated
m "  BACKORDERED in database" db_backordered
m "viral units left (expect 0)" viral_left
m "viral orders backordered" viral_backordered
m "lost orders (accepted, absent)" lost
m "oversold units" oversold
m "duplicate (shop, channel, external_id)" dups
m "stock rows where allocated <> reservations" alloc_mismatch
m "reconciliation consistent" reconciled
m "intake groups (transactions)" groups
m "orders per group (avg)" group_avg
m "write+commit per group (ms, avg)" commit_ms
m "intake writer busy (% of wall, 2 writers)" writer_busy
m "PostgreSQL commits in surge_bench" commits
m "WAL bytes per order (cluster-wide)" wal_per_order
m "service CPU per order (ms)" svc_cpu_ms
m "  of which in the kernel (%)" svc_sys
m "pg backends CPU per order (ms)" pg_cpu_ms
m "load driver CPU per order (ms)" drv_cpu_ms
m "machine busy during run (%)" machine_busy
echo
log "total runtime $(( SECONDS - START )) s; load average now $(cut -d' ' -f1-3 /proc/loadavg)"

SINGLE=${R[single.accepted_per_s]}
BATCH=${R[batch.accepted_per_s]}
BEST=$(awk -v a="$SINGLE" -v b="$BATCH" 'BEGIN { print (a > b ? a : b) }')
RATIO=$(awk -v a="$BEST" -v f="$FLOOR_TPS" 'BEGIN { printf "%.2f", a / f }')
OVERSOLD=$(( R[single.oversold] + R[batch.oversold] ))
LOST=$(( R[single.lost] + R[batch.lost] ))
stop_service
echo "RESULT intake_orders_per_s=$(printf '%.0f' "$BEST") single_orders_per_s=$(printf '%.0f' "$SINGLE") raw_floor_orders_per_s=$(printf '%.0f' "$FLOOR_TPS") ratio=$RATIO oversold_units=$OVERSOLD lost_orders=$LOST"
