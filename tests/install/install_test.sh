#!/usr/bin/env bash
# Installs polgraph from BUILD_DIR into a temporary prefix and builds a consumer project with
# find_package(polgraph); the consumer extracts a sample article with the installed data.
set -euo pipefail
build_dir="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build_dir" --prefix "$tmp/prefix" >/dev/null
test -x "$tmp/prefix/bin/polgraph"
test -f "$tmp/prefix/share/polgraph/gazetteer/person.tsv"
test -f "$tmp/prefix/include/polgraph/layout/forceatlas2.hpp"
cmake -S "$here/consumer" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/build" >/dev/null
out="$("$tmp/build/consumer" "$tmp/prefix/share/polgraph" "$root/data/sample/01_chip-rules-tighten.md")"
echo "$out"
grep -qx "person:jensen-huang" <<<"$out"
grep -qx "organization:nvidia" <<<"$out"
echo "install + find_package(polgraph) consumer: OK"
