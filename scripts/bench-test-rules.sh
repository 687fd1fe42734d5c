#!/usr/bin/env bash
# Rule evaluation speed: `leakwatch test rules` vs `promtool test rules` on the same generated unit-test file
# (1,000 series × 24 h of 1-minute samples, the shipped rules/memory-leaks.yml; see generate_rule_bench.py).
#
# usage: scripts/bench-test-rules.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product leakwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/leakwatch"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/generate_rule_bench.py "$tmp" rules/memory-leaks.yml

now() { date +%s.%N; }
timed() { # prints the wall time of the command; its output goes to $tmp/out
    local start end
    start=$(now)
    "$@" >"$tmp/out" 2>&1 || { echo "FAILED: $*" >&2; cat "$tmp/out" >&2; }
    end=$(now)
    python3 -c "print(f'{$end - $start:.2f}')"
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $(date -u +%F)"
ours=$(timed "$bin" test rules "$tmp/bench.test.yml")
echo "leakwatch test rules: ${ours} s ($(grep -c SUCCESS "$tmp/out") file passed)"
if command -v promtool >/dev/null; then
    theirs=$(timed promtool test rules "$tmp/bench.test.yml")
    echo "promtool test rules ($(promtool --version 2>&1 | head -1 | cut -d' ' -f3)): ${theirs} s ($(grep -c SUCCESS "$tmp/out") file passed)"
    python3 -c "print(f'ratio: leakwatch is {$theirs / $ours:.1f}x faster')"
else
    echo "promtool not installed (apt-get install prometheus): no comparison"
fi
