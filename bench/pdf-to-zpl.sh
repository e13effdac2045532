#!/usr/bin/env bash
# PDF shipping documents (TikTok Shop's 4 x 6 in / A6 label) to ZPL graphic labels, one thread:
# conversions per second of varied label PDFs (bytes in memory, after a warm-up), then a sample of the
# ZPL drawn back and every barcode on it decoded with ZXing.
# No arguments; run from anywhere. ~40 s after the build. Last line:
#   RESULT pdf_to_zpl_per_s=<n> roundtrip_failures=<n>
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
./mvnw -q -DskipTests test-compile
# Test scope: the sample PDFs, the ZPL reader and ZXing's javase live in the tests
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/pdf-to-zpl-bench.classpath >/dev/null
exec java -Xmx512m -Djava.awt.headless=true -cp "target/classes:target/test-classes:$(cat target/pdf-to-zpl-bench.classpath)" io.surgewms.bench.PdfToZplBench
