#!/usr/bin/env bash
# README command 1: set up, build, and run the main job on the sample corpus in data/sample,
# writing the graph files to out/ and printing a short summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/bootstrap.sh"
bash "$root/scripts/build.sh"
out="$root/out"
mkdir -p "$out"
pg="$root/build/polgraph"
"$pg" extract "$root/data/sample" \
    -o "$out/graph.json" -o "$out/graph.graphml" --jsonl "$out/records.jsonl" \
    --errors "$out/errors.jsonl"
# For Gephi: the timeline (GEXF, dynamic) and the entity network.
"$pg" export "$out/graph.json" --dynamic -o "$out/graph.gexf"
"$pg" export "$out/graph.json" --view entities -o "$out/entities.gexf"
# To explore in a browser, offline: the entity network as one self-contained page.
"$pg" export "$out/graph.json" --view entities -o "$out/graph.html"
echo "wrote: $(cd "$out" && ls | tr '\n' ' ')(in $out)"
echo
"$pg" query "$out/graph.json" top --top 8
echo
echo "explore the entity network in a browser: $out/graph.html"
