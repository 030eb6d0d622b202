#!/usr/bin/env bash
# Long local fuzz runs: scripts/fuzz.sh [--minutes N] [TARGET...] [-- LIBFUZZER_FLAG...] (default:
# 10 minutes for each target of tests/fuzz, one after another; flags after -- go to libFuzzer). Builds the targets in the sanitizer build
# (scripts/sanitize_build.sh), then runs each with a new PRNG seed (printed; $POLGRAPH_FUZZ_SEED
# fixes it) from its seed corpus, its regression inputs and the corpus grown by earlier runs, kept
# outside the repository in $POLGRAPH_FUZZ_CACHE/<target> (default ~/.cache/polgraph-fuzz) and
# merged after each run (-merge=1) so that it stays minimal. A crash, leak, timeout or out-of-
# memory input is minimised (-minimize_crash=1) and saved under tests/fuzz/regressions/<target>/,
# which ctest replays in every build: fix the bug, then commit the input with the fix. Prints one
# line of figures per target (execs, exec/s, cov, ft, peak RSS, findings); exits 1 on a finding.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/sanitize_build.sh"
source "$root/tests/fuzz/fuzz_common.sh"

minutes=10
targets=()
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
    --) shift; extra=("$@"); break ;;
    --minutes) minutes="$2"; shift 2 ;;
    --minutes=*) minutes="${1#--minutes=}"; shift ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for src in "$fuzz_dir"/fuzz_*.cpp; do
        t="$(basename "$src" .cpp)"
        targets+=("${t#fuzz_}")
    done
fi
for t in "${targets[@]}"; do
    [ -f "$fuzz_dir/fuzz_$t.cpp" ] || { echo "fuzz.sh: no target $t (tests/fuzz/fuzz_$t.cpp)" >&2; exit 2; }
done

cache="${POLGRAPH_FUZZ_CACHE:-$HOME/.cache/polgraph-fuzz}"
mkdir -p "$cache"

# cpu_now: sets $cpu_now to the CPU seconds (user + system) used so far by this shell's finished
# children. exec/s is wall-clock and reads low on a loaded machine; execs per CPU second do not
# depend on the load. (`times` runs here, not in a pipe or $(...): a subshell has no children.)
cpu_now() {
    times >"$cache/.times"
    cpu_now="$(tail -1 "$cache/.times" |
        awk '{ for (i = 1; i <= 2; ++i) { split($i, t, "m"); s += t[1] * 60 + t[2] } print s }')"
}

sanitize_build "${targets[@]/#/fuzz_}"
findings=0
for t in "${targets[@]}"; do
    fuzzer="$build/tests/fuzz/fuzz_$t"
    fuzz_setup "$t"
    corpus="$cache/$t"
    artifacts="$cache/artifacts/$t"
    mkdir -p "$corpus" "$artifacts"
    seed="${POLGRAPH_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
    log="$cache/$t.log"
    echo "== $t: $minutes min, seed $seed, corpus $corpus, log $log"
    status=0
    cpu_now
    cpu0="$cpu_now"
    "$fuzzer" "${fuzz_flags[@]}" -max_total_time=$((minutes * 60)) -seed="$seed" \
        -artifact_prefix="$artifacts/" "${extra[@]}" "$corpus" "${fuzz_seed_dirs[@]}" >"$log" 2>&1 ||
        status=$?
    cpu_now
    cpu="$(awk -v a="$cpu0" -v b="$cpu_now" 'BEGIN { print b - a }')"

    # Keep the grown corpus minimal: only the inputs that add coverage, smallest first.
    merged="$(mktemp -d "$cache/$t.merge.XXXXXX")"
    "$fuzzer" -merge=1 "${fuzz_flags[@]}" "$merged" "$corpus" >"$log.merge" 2>&1 &&
        { rm -rf "$corpus"; mv "$merged" "$corpus"; } || rm -rf "$merged"

    last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
    figure() { grep "^stat::$1:" "$log" | awk '{print $NF}'; }
    found=0
    for crash in "$artifacts"/{crash,leak,timeout,oom}-*; do
        [ -f "$crash" ] || continue
        kind="$(basename "$crash")"
        kind="${kind%%-*}"
        small="$artifacts/minimized-$(basename "$crash")"
        "$fuzzer" "${fuzz_flags[@]}" -minimize_crash=1 -max_total_time=120 \
            -exact_artifact_path="$small" "$crash" >"$log.minimize" 2>&1 || true
        [ -s "$small" ] || cp "$crash" "$small"
        mkdir -p "$fuzz_dir/regressions/$t"
        keep="$fuzz_dir/regressions/$t/$kind-$(sha1sum "$small" | cut -c1-12)"
        cp "$small" "$keep"
        rm -f "$crash" "$small"
        echo "   FINDING ($kind): minimised input saved as ${keep#"$root"/}; the report is in $log"
        found=$((found + 1))
    done
    [ "$status" -ne 0 ] && [ "$found" -eq 0 ] && { echo "   $t exited with status $status: see $log"; found=1; }
    findings=$((findings + found))
    execs="$(figure number_of_executed_units)"
    echo "   $t: $execs execs, $(figure average_exec_per_sec) exec/s," \
        "$(awk -v n="$execs" -v c="$cpu" 'BEGIN { printf "%.0f", (c > 0 ? n / c : 0) }') per CPU second," \
        "$(sed -n 's/.*\(cov: [0-9]*\).*/\1/p' <<<"$last"), $(sed -n 's/.*\(ft: [0-9]*\).*/\1/p' <<<"$last")," \
        "peak RSS $(figure peak_rss_mb) MB, corpus $(ls "$corpus" | wc -l) inputs, findings $found," \
        "seed $seed, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
[ "$findings" -eq 0 ] || { echo "$findings finding(s): see tests/fuzz/regressions/"; exit 1; }
