#!/usr/bin/env bash
# Shipping-label benchmark, one thread: ZPL and PDF labels per second for varied orders (bytes in
# memory, after a warm-up), then 50 of the PDFs rasterized at 203 dpi and decoded with ZXing.
# No arguments; run from anywhere. Builds what it needs (not offline: a fresh Maven repository fetches the
# dependency plugin on the first run). ~30 s after the build. Last line:
#   RESULT zpl_labels_per_s=<n> pdf_labels_per_s=<n> barcode_roundtrip_failures=<n>
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
./mvnw -q -DskipTests test-compile
# Test scope: ZXing's javase (decoding from a BufferedImage) is a test dependency
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/labels-bench.classpath >/dev/null
exec java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/labels-bench.classpath)" io.surgewms.bench.LabelBench
