#!/usr/bin/env bash
# Wave-planning benchmark: 10,000 orders of a viral spike planned wave after wave, every task routed; time to plan
# them all and walking per unit against one order per trip. No arguments. Last line: RESULT wave_plan_s=... travel_per_unit_ratio=...
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -DskipTests test-compile
exec java -cp target/classes:target/test-classes io.surgewms.bench.WaveBench
