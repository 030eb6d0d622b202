# Sourced by tests/fuzz/fuzz_smoke.sh (CI) and scripts/fuzz.sh (long runs): what every run of a
# fuzz target shares. fuzz_dir is this directory; after `fuzz_setup TARGET`, fuzz_flags holds
# libFuzzer's options for the target and fuzz_seed_dirs its seed corpus and saved regression inputs;
# `fuzz_smoke_runs TARGET` prints the number of inputs CI's smoke run tries.
fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

fuzz_setup() {
    local target="$1"
    # -max_len covers the largest seeds (articles of up to 20 KB, graph files of 26 KB) with room
    # to grow; -timeout and -rss_limit_mb turn a hang or a memory blow-up into a finding. An input's
    # cost grows with its length (fuzz_article: about 2 ms per KB under ASan + UBSan), so
    # -entropic_scale_per_exec_time gives the slow long inputs less of the mutation time than the
    # quick ones: the long seeds are still mutated, and six minutes try 12 times more inputs and
    # cover more edges.
    fuzz_flags=(-timeout=30 -rss_limit_mb=2560 -max_len=65536 -entropic_scale_per_exec_time=1
                -print_final_stats=1)
    [ -f "$fuzz_dir/dict/$target.dict" ] && fuzz_flags+=(-dict="$fuzz_dir/dict/$target.dict")
    fuzz_seed_dirs=("$fuzz_dir/corpus/$target")
    [ -d "$fuzz_dir/regressions/$target" ] && fuzz_seed_dirs+=("$fuzz_dir/regressions/$target")
    return 0
}

# About 40 seconds of each target under ASan + UBSan on one core of the 2-core CI machine (two
# targets run at once), measured with fuzz_smoke.sh; a new target gets the default until measured.
fuzz_smoke_runs() {
    case "$1" in
    article) echo 4000 ;;
    front_matter) echo 100000 ;;
    gazetteer) echo 30000 ;;
    graph_json) echo 60000 ;;
    html) echo 30000 ;;
    json_scan) echo 500000 ;;
    overlay) echo 30000 ;;
    query) echo 8000 ;;
    snapshot) echo 60000 ;;
    *) echo 20000 ;;
    esac
}
