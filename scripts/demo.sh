#!/usr/bin/env bash
# README command 1: set up, build, and run the main job on the sample corpus in data/sample,
# writing the graph files to out/ and printing a short summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/bootstrap.sh"
bash "$root/scripts/build.sh"
out="$root/out"
mkdir -p "$out"
"$root/build/polgraph" extract "$root/data/sample" \
    -o "$out/graph.json" -o "$out/graph.graphml" --jsonl "$out/records.jsonl" \
    --errors "$out/errors.jsonl"
echo "wrote: $(cd "$out" && ls | tr '\n' ' ')(in $out)"
