#!/usr/bin/env bash
# Wall time of `leakwatch test promql` over Prometheus's PromQL conformance scripts, beside promtool on the same
# evaluations where promtool is installed (Debian package `prometheus`). promtool cannot run .test scripts, so
# scripts/promqltest_to_promtool.py converts their instant evals into promtool unit-test files first; promtool's
# pass/fail on them is not the point (promtool 2.x has Prometheus 2 range semantics), only its time.
#
# usage: scripts/bench-test-promql.sh [CONFORMANCE_DIR]   (default ../shared/conformance/prometheus/promql)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-../shared/conformance/prometheus/promql}"
swift build -c release --product leakwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/leakwatch"
files=("$dir"/*.test)

now() { date +%s.%N; }
runs=5
best() { # best of $runs wall times of the command
    local best=""
    for _ in $(seq "$runs"); do
        local start end
        start=$(now)
        "$@" >/dev/null 2>&1 || true
        end=$(now)
        best=$(python3 -c "a='$best'; d=$end-$start; print(d if not a or d < float(a) else a)")
    done
    echo "$best"
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
"$bin" test promql "${files[@]}" | tail -1
ours=$(best "$bin" test promql "${files[@]}")
printf 'leakwatch test promql  %d files: %.3f s (best of %d)\n' "${#files[@]}" "$ours" "$runs"
if command -v promtool >/dev/null; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    python3 scripts/promqltest_to_promtool.py "$tmp" "${files[@]}"
    theirs=$(best promtool test rules "$tmp"/*.yml)
    printf 'promtool test rules    same instant evals (%s): %.3f s (best of %d)\n' \
        "$(promtool --version 2>&1 | head -1 | cut -d' ' -f3)" "$theirs" "$runs"
    python3 -c "print(f'ratio: leakwatch is {$theirs / $ours:.1f}x faster')"
else
    echo "promtool not installed (apt-get install prometheus): no comparison"
fi
