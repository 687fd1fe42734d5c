#!/usr/bin/env bash
# Benchmarks leakwatch against Prometheus on the same work, in one run, and prints one table with the ratios
# (issue 7): rule evaluation (`test rules` on one generated unit-test file), ingest (OTLP protobuf into
# `leakwatch serve` vs remote write into Prometheus, same pre-encoded samples, same connections), resident memory
# per active series, bytes per sample on disk (vs promtool-created TSDB blocks), deriv(x[2h]) latency via
# /api/v1/query on both servers with the answers compared, and start-up time.
#
# Usage: scripts/bench-vs-prometheus.sh [--series N] [--samples M] [--queries Q] [--connections C]
#                                       [--skip-rules] [--leakwatch PATH] [--keep]
#
# Needs: Swift (the release build of leakwatch is brought up to date first, unless --leakwatch PATH is given),
# prometheus and promtool on PATH (Debian package `prometheus`; or PROMETHEUS=/path PROMTOOL=/path), python3
# (standard library only). Data: N series x M one-minute samples of process_memory_rss_bytes (the
# MemoryGaugeWorkload of `leakwatch bench storage`), ending now. Takes about four minutes and 3 GB of memory with
# the defaults (10,000 x 720; both encodings are held for the alternating ingest rounds). The table goes to stdout,
# progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
PROMETHEUS=${PROMETHEUS:-prometheus}
PROMTOOL=${PROMTOOL:-promtool}
for tool in "$PROMETHEUS" "$PROMTOOL" python3; do
    command -v "$tool" >/dev/null || { echo "bench-vs-prometheus: $tool not found" >&2; exit 1; }
done
if [[ " $* " != *" --leakwatch "* ]]; then
    # Always (incremental, seconds when up to date): a stale binary would measure old code.
    echo "bench-vs-prometheus: building leakwatch (release)" >&2
    swift build -c release --product leakwatch >&2
fi
exec python3 scripts/bench_vs_prometheus.py --prometheus "$PROMETHEUS" --promtool "$PROMTOOL" "$@"
