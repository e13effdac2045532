#!/usr/bin/env bash
# Labels-ahead drill (issue 18, item 11): a shop ships through EasyPost, and EasyPost is having a bad day (a fake of its
# API v2 run inside the drill answers every call after 800 ms and fails 5 % of them with 503). The service's own
# planner and buyer buy the labels. Then two singles stations scan through the pack API at machine pace (each scan
# right after the last answer) for two minutes, and the service is killed with kill -9 in the middle and started again.
#
#   bench/ship.sh                                     (no arguments; builds what it needs)
#   BENCH_MINUTES=1 BENCH_ORDERS=600 bench/ship.sh    (quick mode, about 6 minutes)
#
# 1. A queue of BENCH_ORDERS picked single-unit orders of two hot SKUs (batch order API, waves, bulk tasks picked
#    through the pick API: no SQL seeding); the stations start when all their labels are bought. The buyer does
#    ~8.5 labels/s at 800 ms a call and the stations ~150 scans/s, so the queue lasts ~15 s, not two minutes: labels
#    for two minutes at machine pace would take ~35 minutes to buy (bench/RESULTS.md).
# 2. Meanwhile and after, the flow: 4 new orders a second, released and picked 30 s after they came; the stations
#    pack them as they come (a station with nothing to pack waits 100 ms). Some are cancelled after their label was
#    bought or while it is being bought.
# 3. After the window a drain (the buyer finishes; a label BUYING at the kill waits out its 2 min lease), then checks:
#    the fake's purchases per parcel key, refunds of cancelled orders' labels, each parcel's tracking number and print
#    job, the loopback printers' labels. Last, PDF labels to ZPL on one thread (the converter's own sample label).
#
# Optional: BENCH_MINUTES (2, scanning), BENCH_ORDERS (2400), BENCH_PREP_MINUTES (15, most to wait for the labels
# ahead), BENCH_DRAIN_MINUTES (6; it also ends once nothing moved for 150 s), BENCH_SKIP_BUILD,
# BENCH_SERVICE_JAVA_OPTS (default -XX:TieredStopAtLevel=1 -Xms512m as spike.sh), SURGE_SHIPPING_KEY.
# Fresh database surge_bench_ship, service on port 8097 in prod mode (the packaged jar). Writes only under bench/out/
# and target/.
# Last line: RESULT scan_to_label_p99_ms=<x> labels_bought=<n> labels_bought_twice=<n> labels_missing=<n>
#            voided_on_cancel=<n> pdf_to_zpl_per_s=<n>
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
DB=surge_bench_ship
PORT=8097
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres

# The drill starts the service (and again after kill -9); it writes the service's pid here.
PIDFILE="$OUT/ship-service.pid"
stop_service() {
  [[ -f "$PIDFILE" ]] || return 0
  local pid; pid=$(cat "$PIDFILE")
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}
trap stop_service EXIT
stop_service

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  echo "building (./mvnw -q -DskipTests package test-compile)"
  ./mvnw -q -DskipTests package test-compile > "$OUT/ship-build.log" 2>&1 || { tail -30 "$OUT/ship-build.log"; exit 1; }
  ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/ship-bench.classpath > /dev/null
fi

psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
: > "$OUT/ship-service.log"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); service log: $OUT/ship-service.log"
SURGE_BENCH_PORT=$PORT SURGE_BENCH_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" BENCH_OUT="$OUT" \
  java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/ship-bench.classpath)" io.surgewms.bench.ShipDrill 2>&1 | tee "$OUT/ship.log"
