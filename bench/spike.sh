#!/usr/bin/env bash
# Spike drill (issue 9): ~5 minutes of a viral spike through the Shopify webhook (>= 30,000 orders at a rising rate,
# ~80% singles of 3 SKUs, duplicated and replayed webhooks) while >= 50 floor sessions (handheld pickers through the
# scan API, singles pack stations through PTY serial scanners, standard stations through the pack API) release waves,
# pick, pack and print to loopback TCP printers. At 40% of the run the service is killed with kill -9 and started
# again on the same database; the sessions reconnect. Then the database and the printers' bytes are checked.
# Issue 19, a shared, limited market: the three viral SKUs (70/70/40% of demand in stock) are also listed on TikTok Shop
# (a fake Open API on a loopback port: signed calls, order detail and search, Update Inventory), a quarter as many
# orders again, 30% arriving ON_HOLD and released or (~5% of TikTok's orders) cancelled 3-12 s later by a second signed
# webhook. Each channel sells a listing only while the last level Surge pushed to it, less its own sales since, is above 0.
#
#   bench/spike.sh                                   (no arguments; builds what it needs)
#   BENCH_MINUTES=1 BENCH_ORDERS=3000 bench/spike.sh (quick mode)
#
# The floor works at a fast person's pace: a picker scans 1 s after the last answer (BENCH_THINK_MS, 1000), a packer
# takes 1 s per unit before scanning it (BENCH_PACK_MS, 1000): 3-6x a real floor, where a picker walks between bins and
# a packer bags and labels each parcel. BENCH_THINK_MS=50 BENCH_PACK_MS=0 is the machine-pace stress of the earlier
# runs: a closed loop that fills both cores whatever a scan costs, so it measures the floor's capacity, not a scan's wait.
# Optional: BENCH_MINUTES (5), BENCH_ORDERS (30000), BENCH_DRAIN_MINUTES (max(2, 3 x minutes)), BENCH_SKIP_BUILD,
# BENCH_CHANNEL_BUFFER (0: the safety buffer on every listing of the limited SKUs),
# BENCH_SERVICE_JAVA_OPTS (the service's JVM options; default -XX:TieredStopAtLevel=1 as docker/Dockerfile; add a JFR
# recording here).
# Fresh database surge_bench_spike with the demo layout (SURGE_DEMO=true), service on port 8095 in prod mode
# (the packaged jar). Writes only under bench/out/ and target/.
# Last line: RESULT spike_orders=<accepted, Shopify + TikTok> lost=<n> oversold=<units> duplicate_orders=<n> duplicate_labels=<n>
#            missing_labels=<n> intake_p99_ms=<x> scan_p99_ms=<y> clear_minutes=<last order to last label>
#            channel_oversell_units=<units> sync_p99_ms=<z>
#   channel_oversell_units: per limited SKU, units the channels together sold and did not cancel beyond its stock at the
#     start, summed (target 0). oversold is Surge's own invariant (allocated <= on_hand), not this.
#   sync_p99_ms: for each change of a limited SKU's ATP (its ledger rows of one transaction, timed at the transaction's
#     start), the time until the last channel listing it held a level reflecting it; p99 over all changes, the kill
#     included (target <= 2000). The report also gives it without the kill's window.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
DB=surge_bench_spike
PORT=8095
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
command -v socat >/dev/null || { echo "socat is needed: apt-get install socat"; exit 1; }

# The driver starts the service (and starts it again after kill -9); it writes the service's pid here.
PIDFILE="$OUT/spike-service.pid"
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
  ./mvnw -q -DskipTests package test-compile > "$OUT/spike-build.log" 2>&1 || { tail -30 "$OUT/spike-build.log"; exit 1; }
  ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/spike-bench.classpath > /dev/null
fi

psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
: > "$OUT/spike-service.log"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ); service log: $OUT/spike-service.log"
SURGE_BENCH_PORT=$PORT SURGE_BENCH_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" BENCH_OUT="$OUT" \
  java -Xmx768m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/spike-bench.classpath)" io.surgewms.bench.SpikeDrill 2>&1 | tee "$OUT/spike.log"
