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

# The Python package, when the build has one: installed into site-packages under the prefix
# with its type stubs, it imports from there (not from the build tree) and extracts with the
# installed data.
site="$(sed -n 's/^POLGRAPH_PYTHON_INSTALL_DIR:STRING=//p' "$build_dir/CMakeCache.txt")"
python="$(sed -n 's/^POLGRAPH_PYTHON_EXECUTABLE:INTERNAL=//p' "$build_dir/CMakeCache.txt")"
if compgen -G "$build_dir/python/polgraph/_polgraph*.so" >/dev/null; then
    pkg="$tmp/prefix/$site/polgraph"
    test -f "$pkg/__init__.py" && test -f "$pkg/__init__.pyi" && test -f "$pkg/py.typed"
    compgen -G "$pkg/_polgraph*.so" >/dev/null
    PYTHONPATH="$tmp/prefix/$site" POLGRAPH_DATA="$tmp/prefix/share/polgraph" "$python" -c '
import sys, polgraph
assert polgraph.__file__.startswith(sys.argv[1]), polgraph.__file__
g = polgraph.extract(sys.argv[2])
print("python:", g, "from", polgraph.__file__)
assert g.neighbors("Jensen Huang")["entity"]["id"] == "person:jensen-huang"
' "$tmp/prefix" "$root/data/sample/01_chip-rules-tighten.md"
    echo "install: Python package: OK"
fi
