#!/usr/bin/env bash
# Benchmarks leakwatch against Prometheus on the same data, in one run (issue 7).
#
# Usage: scripts/bench-vs-prometheus.sh [--series N] [--samples M] [--queries Q] [--leakwatch PATH] [--keep]
#
# Needs: a release build of leakwatch (swift build -c release), prometheus and promtool on PATH (or
# PROMETHEUS=/path PROMTOOL=/path), python3 (standard library only). Data: N series x M one-minute samples of
# process_memory_rss_bytes (the MemoryGaugeWorkload of `leakwatch bench storage`), ending now. Prometheus gets it
# as blocks from `promtool tsdb create-blocks-from openmetrics`; leakwatch gets it as OTLP/JSON POSTs to
# `leakwatch serve`. The table goes to stdout, progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
PROMETHEUS=${PROMETHEUS:-prometheus}
PROMTOOL=${PROMTOOL:-promtool}
for tool in "$PROMETHEUS" "$PROMTOOL" python3; do
    command -v "$tool" >/dev/null || { echo "bench-vs-prometheus: $tool not found" >&2; exit 1; }
done
if [[ ! -x .build/release/leakwatch && " $* " != *" --leakwatch "* ]]; then
    echo "bench-vs-prometheus: building leakwatch (release)" >&2
    swift build -c release --product leakwatch >&2
fi
exec python3 scripts/bench_vs_prometheus.py --prometheus "$PROMETHEUS" --promtool "$PROMTOOL" "$@"
