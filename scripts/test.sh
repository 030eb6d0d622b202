#!/usr/bin/env bash
# README command 2 (and CI): set up, build, and run every test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/bootstrap.sh" --test
export POLGRAPH_INTEROP_MODULES="${POLGRAPH_INTEROP_MODULES:-$HOME/.cache/polgraph-interop/node_modules}"
bash "$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
