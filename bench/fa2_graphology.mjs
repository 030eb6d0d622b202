#!/usr/bin/env node
// graphology-layout-forceatlas2 on a graph written by `polgraph export --format graphology`,
// from given start positions, timed: the JavaScript side of bench/layout_bench.cpp, which runs
// it (it also runs on its own).
//
//   node bench/fa2_graphology.mjs GRAPH.graphology.json START.json ITERATIONS REPEATS SETTINGS
//
// START.json: {"node key": [x, y], ...}. SETTINGS: graphology's settings object as JSON (e.g.
// '{"barnesHutOptimize":true,"barnesHutTheta":2.4,"scalingRatio":2,"gravity":1}'). Each repeat
// times the synchronous forceAtlas2(graph, {iterations, settings}) (single-threaded; the graph's
// own positions stay at the start) and prints one JSON line: {"seconds", "nodes", "edges"}.
// Edge weights are the `weight` attributes. Modules come from $POLGRAPH_INTEROP_MODULES
// (default ~/.cache/polgraph-interop/node_modules, where scripts/bootstrap.sh --test puts them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const modules = process.env.POLGRAPH_INTEROP_MODULES
  || path.join(os.homedir(), '.cache', 'polgraph-interop', 'node_modules');
const require = createRequire(path.join(modules, 'resolve.js'));
const [file, startFile, iterationsText, repeatsText, settingsText] = process.argv.slice(2);
if (!file || !startFile || !iterationsText || !repeatsText) {
  process.stderr.write('usage: node fa2_graphology.mjs GRAPH.graphology.json START.json '
    + 'ITERATIONS REPEATS [SETTINGS]\n');
  process.exit(2);
}
const Graph = require('graphology');
const forceAtlas2 = require('graphology-layout-forceatlas2');

const graph = Graph.from(JSON.parse(fs.readFileSync(file, 'utf8')));
const start = JSON.parse(fs.readFileSync(startFile, 'utf8'));
graph.forEachNode((key) => {
  const p = start[key];
  if (!p) throw new Error(`no start position for node ${key}`);
  graph.mergeNodeAttributes(key, { x: p[0], y: p[1] });
});
const iterations = Number(iterationsText);
const settings = settingsText ? JSON.parse(settingsText) : {};
for (let r = 0; r < Number(repeatsText); r++) {
  const t0 = process.hrtime.bigint();
  const positions = forceAtlas2(graph, { iterations, settings });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // Use the result, so that nothing of it can be skipped.
  let sum = 0;
  for (const key in positions) sum += positions[key].x;
  if (!Number.isFinite(sum)) throw new Error('non-finite positions');
  process.stdout.write(JSON.stringify({ seconds, nodes: graph.order, edges: graph.size }) + '\n');
}
