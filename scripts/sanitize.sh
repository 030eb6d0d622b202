#!/usr/bin/env bash
# CI stage after scripts/test.sh: the whole test suite under AddressSanitizer + UndefinedBehavior-
# Sanitizer, then a libFuzzer smoke run of every fuzz target ($POLGRAPH_FUZZ_SECONDS each, default
# 60). One clang build (the `fuzz` preset in CMakePresets.json) serves both. Needs the packages of
# `scripts/bootstrap.sh --test` (clang, libclang-rt-14-dev). Built without precompiled headers, so
# that it also checks that every source includes what it uses.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${POLGRAPH_SANITIZE_BUILD_DIR:-$root/build-fuzz}"
jobs="$(nproc 2>/dev/null || echo 2)"
export POLGRAPH_INTEROP_MODULES="${POLGRAPH_INTEROP_MODULES:-$HOME/.cache/polgraph-interop/node_modules}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DPOLGRAPH_SANITIZE=ON -DPOLGRAPH_FUZZ=ON -DPOLGRAPH_BENCH=OFF -DPOLGRAPH_PCH=OFF \
    -DPOLGRAPH_FUZZ_SECONDS="${POLGRAPH_FUZZ_SECONDS:-60}" >/dev/null
cmake --build "$build" -j "$jobs"
cd "$build"
echo "== test suite under ASan + UBSan"
ctest --output-on-failure -j "$jobs" -LE fuzz
echo "== fuzz smoke run: ${POLGRAPH_FUZZ_SECONDS:-60} s per target"
ctest --output-on-failure -j "$jobs" -L fuzz
