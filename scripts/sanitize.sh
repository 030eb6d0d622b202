#!/usr/bin/env bash
# CI stage after scripts/test.sh: the whole test suite under AddressSanitizer + UndefinedBehavior-
# Sanitizer (the fuzz targets' seeds and regression inputs included), then a libFuzzer smoke run of
# every fuzz target: a fixed number of inputs from a fixed PRNG seed, so that it repeats
# (tests/fuzz/fuzz_smoke.sh; $POLGRAPH_FUZZ_SECONDS, default 150, bounds each). One clang build
# (scripts/sanitize_build.sh) serves both. Needs the packages of `scripts/bootstrap.sh --test`
# (clang, libclang-rt-14-dev).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/sanitize_build.sh"
export POLGRAPH_INTEROP_MODULES="${POLGRAPH_INTEROP_MODULES:-$HOME/.cache/polgraph-interop/node_modules}"
sanitize_build
cd "$build"
echo "== test suite under ASan + UBSan"
ctest --output-on-failure -j "$jobs" -LE fuzz
echo "== fuzz smoke run: a fixed seed and number of inputs per target"
ctest --output-on-failure -j "$jobs" -L fuzz
