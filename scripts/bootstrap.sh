#!/usr/bin/env bash
# Idempotent set-up for polgraph on Debian 12: installs only the packages that are missing
# (running `apt-get update` only when something must be installed).
#   scripts/bootstrap.sh          build dependencies
#   scripts/bootstrap.sh --test   build dependencies + the test clients (xmllint, NetworkX, igraph,
#                                 pandas, Dask, pybind11, GNU parallel, clang for fuzzing, Chromium,
#                                 and the npm modules: graphology readers, its ForceAtlas2,
#                                 playwright-core)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

build_pkgs=(build-essential cmake pkg-config git
    libboost-dev nlohmann-json3-dev libgumbo-dev libcli11-dev catch2
    libyaml-cpp-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libutf8proc-dev libmimalloc-dev)
test_pkgs=(libxml2-utils python3 python3-networkx python3-igraph python3-pandas python3-distributed
    python3-dev pybind11-dev parallel clang libclang-rt-14-dev nodejs chromium)

want=("${build_pkgs[@]}")
with_tests=0
for a in "$@"; do
    case "$a" in
        --test) with_tests=1; want+=("${test_pkgs[@]}") ;;
        *) echo "bootstrap: unknown option $a" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# nodejs may come from another repository that bundles npm; only ask apt for npm when absent.
if [ "$with_tests" = 1 ] && ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if [ "${#missing[@]}" -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$with_tests" = 1 ]; then
    # graphology + its GraphML/GEXF readers: what Gephi Lite loads files with.
    # Installed again whenever the lock file changes (a copy of it is kept beside the modules).
    modules="${POLGRAPH_INTEROP_MODULES:-$HOME/.cache/polgraph-interop/node_modules}"
    prefix="$(dirname "$modules")"
    lock="$root/tests/interop/package-lock.json"
    if [ ! -d "$modules" ] || ! cmp -s "$lock" "$prefix/package-lock.json"; then
        mkdir -p "$prefix"
        cp "$root/tests/interop/package.json" "$lock" "$prefix/"
        (cd "$prefix" && npm ci --no-audit --no-fund --silent)
    fi
fi
echo "bootstrap: dependencies ready" >&2
