#!/usr/bin/env bash
# Fuzz smoke run (CI): fuzz_smoke.sh FUZZER SEED_DIR SECONDS. New inputs go to a scratch
# directory, never into the seed corpus; a crash leaves its input (crash-*) in the current
# directory and fails the run. The PRNG seed is fixed ($POLGRAPH_FUZZ_SEED, default 1) so that a
# CI run repeats (a prefix of) a run made before committing; long runs should vary it.
set -euo pipefail
fuzzer="$1" seeds="$2" secs="${3:-60}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dict="$(dirname "$0")/dict/$(basename "$fuzzer" | sed 's/^fuzz_//').dict"
args=(-max_total_time="$secs" -timeout=30 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1
      -seed="${POLGRAPH_FUZZ_SEED:-1}")
[ -f "$dict" ] && args+=(-dict="$dict")
"$fuzzer" "${args[@]}" "$work" "$seeds" 2>"$work/log" || { tail -60 "$work/log" >&2; exit 1; }
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
