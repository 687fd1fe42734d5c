#!/usr/bin/env bash
# Local pre-push check: format lint, a warnings-as-errors build, then the tests (CI runs the tests alone).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict -r Sources Tests
swift build --scratch-path .build-validate -Xswiftc -warnings-as-errors --build-tests
swift test --scratch-path .build-validate
