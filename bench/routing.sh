#!/usr/bin/env bash
# Pick-route benchmark: S-shape, largest gap and our routing against the exact optimum on generated layouts.
# No arguments; run from anywhere (works from the repo root). Last line: RESULT routing_vs_optimal=...
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests test-compile
exec java -cp target/classes:target/test-classes io.surgewms.bench.RoutingBench
