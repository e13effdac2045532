#!/usr/bin/env bash
# Board cost: how long one supervisor board takes to compute over a spike's backlog, since every open
# board page gets a fresh one within a second of each scan (the feed paces itself by this cost).
#
#   bench/board.sh        (no arguments; builds what it needs; ~1 minute)
#
# Optional: BENCH_OPEN_ORDERS (30000), BENCH_SKUS (50), BENCH_ROUNDS (30), BENCH_SKIP_BUILD.
# Fresh database surge_bench_board, service on port 8096. Writes only under bench/out/ and target/.
# Last line: RESULT open_orders=<n> board_p50_ms=<x> board_max_ms=<y>
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
DB=surge_bench_board
PORT=8096
ORDERS=${BENCH_OPEN_ORDERS:-30000}
SKUS=${BENCH_SKUS:-50}
ROUNDS=${BENCH_ROUNDS:-30}
KEY="sk_bench_board_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres

SVC=""
stop_service() {
  if [[ -n "$SVC" ]] && kill -0 "$SVC" 2>/dev/null; then
    kill "$SVC" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SVC" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SVC" 2>/dev/null || true
  fi
}
trap stop_service EXIT

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  echo "building (./mvnw -q -DskipTests package)"
  ./mvnw -q -DskipTests package > "$OUT/board-build.log" 2>&1 || { tail -30 "$OUT/board-build.log"; exit 1; }
fi

psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
echo "starting the service on port $PORT"
SURGE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SURGE_HTTP_PORT=$PORT SURGE_DEMO=false SURGE_SERIAL_DEVICES=false \
  SURGE_ADMIN_PASSWORD=bench-admin-password SURGE_ADMIN_KEY="$KEY" \
  java -Xmx1g -jar target/quarkus-app/quarkus-run.jar > "$OUT/board-service.log" 2>&1 &
SVC=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && break
  kill -0 "$SVC" 2>/dev/null || { tail -30 "$OUT/board-service.log"; exit 1; }
  sleep 0.5
done

# A spike's backlog straight into the tables (the intake bench measures intake): most orders allocated,
# some released, picking, picked or backordered; ship-by spread over 33 hours, created over 10 minutes.
echo "loading $ORDERS open orders over $SKUS SKUs"
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
insert into shop (code, name) values ('bench', 'Bench shop');
insert into product (shop_id, sku, name) select id, 'SKU-' || g, 'Item ' || g from shop, generate_series(1, $SKUS) g;
insert into orders (shop_id, channel, external_id, status, ship_by, carrier, service, ship_to_name, ship_to_line1,
                    ship_to_city, ship_to_postal, ship_to_country, units, created_at)
select s.id, 'tiktok', 'o-' || g, (array['ALLOCATED','ALLOCATED','ALLOCATED','RELEASED','PICKING','PICKED','BACKORDERED'])[1 + g % 7],
       now() + (g % 2000) * interval '1 minute', 'UPS', 'GROUND', 'N', 'L', 'C', 'P', 'US', 1, now() - (g % 600) * interval '1 second'
  from shop s, generate_series(1, $ORDERS) g;
insert into order_line (order_id, line_no, product_id, sku, quantity)
select o.id, 1, p.id, p.sku, 1 from orders o join product p on p.sku = 'SKU-' || (1 + o.id % $SKUS);
analyze;
SQL

echo "machine: $(nproc) cores, $(date -u +%F), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in 1 2 3; do curl -sf -o /dev/null -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/board"; done # warm-up
: > "$OUT/board-times.txt"
for _ in $(seq 1 "$ROUNDS"); do
  curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/board" >> "$OUT/board-times.txt"
done
curl -sf -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/board" > "$OUT/board.json"
python3 - "$OUT/board-times.txt" "$OUT/board.json" "$ORDERS" <<'PY'
import json, statistics, sys
t = sorted(float(x) * 1000 for x in open(sys.argv[1]) if x.strip())
b = json.load(open(sys.argv[2]))
print(f"board over {b['backlog']['orders']} open orders, {b['atRisk']['count']} at risk, {len(b['backlog']['byShipByHour'])} ship-by hours")
print(f"{len(t)} boards: min {t[0]:.1f} ms, p50 {statistics.median(t):.1f} ms, max {t[-1]:.1f} ms (HTTP round trip, JSON included)")
print(f"RESULT open_orders={sys.argv[3]} board_p50_ms={statistics.median(t):.1f} board_max_ms={t[-1]:.1f}")
PY
