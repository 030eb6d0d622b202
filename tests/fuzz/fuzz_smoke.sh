#!/usr/bin/env bash
# Fuzz smoke run (CI): fuzz_smoke.sh FUZZER TARGET SECONDS. Starts from the target's seed corpus
# and regression inputs; new inputs go to a scratch directory, never into the repository; a crash
# leaves its input (crash-*) in the current directory and fails the run. The PRNG seed is fixed
# ($POLGRAPH_FUZZ_SEED, default 1) so that a CI run repeats (a prefix of) a run made before
# committing; long runs (scripts/fuzz.sh) vary it.
set -euo pipefail
fuzzer="$1" target="$2" secs="${3:-45}"
source "$(dirname "${BASH_SOURCE[0]}")/fuzz_common.sh"
fuzz_setup "$target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$fuzzer" "${fuzz_flags[@]}" -max_total_time="$secs" -seed="${POLGRAPH_FUZZ_SEED:-1}" "$work" \
    "${fuzz_seed_dirs[@]}" 2>"$work/log" || { tail -60 "$work/log" >&2; exit 1; }
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
