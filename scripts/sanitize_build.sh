# Sourced by scripts/sanitize.sh (CI) and scripts/fuzz.sh (long fuzz runs): the clang build with
# AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer targets (the `fuzz` preset of
# CMakePresets.json), in $POLGRAPH_SANITIZE_BUILD_DIR (default build-fuzz). Built without
# precompiled headers, so that it also checks that every source includes what it uses.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${POLGRAPH_SANITIZE_BUILD_DIR:-$root/build-fuzz}"
jobs="$(nproc 2>/dev/null || echo 2)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# sanitize_build [TARGET...]: configures the build directory and builds the targets (all by default).
sanitize_build() {
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DPOLGRAPH_SANITIZE=ON -DPOLGRAPH_FUZZ=ON -DPOLGRAPH_BENCH=OFF -DPOLGRAPH_PCH=OFF \
        -DPOLGRAPH_FUZZ_SECONDS="${POLGRAPH_FUZZ_SECONDS:-150}" >/dev/null
    local targets=()
    for t in "$@"; do targets+=(--target "$t"); done
    cmake --build "$build" -j "$jobs" "${targets[@]}"
}
