#!/usr/bin/env bash
# Scan latency: N serial scanners (socat pseudo-terminals read by jssc in the service) scanning the viral
# SKU into singles pack stations at a steady rate; each scan ships an order (parcel, label queued).
# Latency = from the scan's last byte written to the station's answer on its event stream, p50/p99.
#
#   bench/scan-latency.sh        (no arguments; builds what it needs; ~2 minutes)
#
# Optional: BENCH_SCANNERS (4), BENCH_SCANS_PER_S per scanner (4), BENCH_SECONDS (30), BENCH_SKIP_BUILD.
# Fresh database surge_bench_scan, service on port 8097. Writes only under bench/out/ and target/.
# Last line: RESULT scanners=<n> scan_p50_ms=<x> scan_p99_ms=<y>
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
DB=surge_bench_scan
PORT=8097
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
command -v socat >/dev/null || { echo "socat is needed: apt-get install socat"; exit 1; }

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
  echo "building (./mvnw -q -DskipTests package test-compile)"
  ./mvnw -q -DskipTests package test-compile > "$OUT/scan-build.log" 2>&1 || { tail -30 "$OUT/scan-build.log"; exit 1; }
  ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/scan-bench.classpath > /dev/null
fi

psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
echo "starting the service on port $PORT"
# The bench client signs with the test suite's admin key (testsupport.SignedIn): the service installs it for its first admin.
SURGE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SURGE_HTTP_PORT=$PORT SURGE_DEMO=false \
  SURGE_ADMIN_PASSWORD=bench-admin-password SURGE_ADMIN_KEY=sk_test_admin_key_for_the_test_suite_only_0001 \
  java -Xmx1g -jar target/quarkus-app/quarkus-run.jar > "$OUT/scan-service.log" 2>&1 &
SVC=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && break
  kill -0 "$SVC" 2>/dev/null || { tail -30 "$OUT/scan-service.log"; exit 1; }
  sleep 0.5
done

echo "machine: $(nproc) cores, $(date -u +%F)"
SURGE_BENCH_URL="http://127.0.0.1:$PORT" SURGE_TEST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$(cat target/scan-bench.classpath)" io.surgewms.bench.ScanLatencyBench
