#!/usr/bin/env bash
# Fuzz smoke run (CI): fuzz_smoke.sh FUZZER TARGET [MAX_SECONDS]. Runs the target's seed corpus
# and regression inputs, then a fixed number of new inputs (fuzz_smoke_runs, fuzz_common.sh) from
# a fixed PRNG seed ($POLGRAPH_FUZZ_SEED, default 1). The run is deterministic: the same code tries
# the same inputs on any machine at any load, so CI fails only where `ctest -L fuzz` in the
# sanitizer build failed before the commit, never because a new seed or a slower machine found
# something new (exploring is scripts/fuzz.sh's job). What would make two runs differ is off:
# address randomisation (setarch -R, when the system allows it: heap addresses that the code
# compares reach libFuzzer's table of compared values, and from it the mutations), rereading the
# output directory each second (-reload=0), the mutation schedule's scaling by time per input, and
# threads in the targets (each fuzzes on one thread). MAX_SECONDS (default 150) only bounds a run on
# a very slow machine, which then tries a prefix of the same inputs. New inputs go to a scratch
# directory, never into the repository; a finding leaves its input (crash-*, leak-*, timeout-*) in
# the current directory and fails the run.
set -euo pipefail
fuzzer="$1" target="$2" secs="${3:-150}"
source "$(dirname "${BASH_SOURCE[0]}")/fuzz_common.sh"
fuzz_setup "$target"
flags=()
for f in "${fuzz_flags[@]}"; do
    [[ "$f" == -entropic_scale_per_exec_time=* ]] || flags+=("$f")
done
fixed=()
if setarch "$(uname -m)" -R true 2>/dev/null; then
    fixed=(setarch "$(uname -m)" -R)
else
    echo "fuzz_smoke.sh: setarch -R refused: addresses are random, the run may differ from" \
        "another one" >&2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"${fixed[@]}" "$fuzzer" "${flags[@]}" -runs="$(fuzz_smoke_runs "$target")" -reload=0 \
    -max_total_time="$secs" -seed="${POLGRAPH_FUZZ_SEED:-1}" "$work" "${fuzz_seed_dirs[@]}" \
    2>"$work/log" || { tail -60 "$work/log" >&2; exit 1; }
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
