#!/usr/bin/env node
// Print the node positions of a GEXF file (viz:position, read by graphology-gexf, as Gephi Lite
// opens it) or of polgraph's graphology JSON (Graph.from): one JSON object {node_id: [x, y]},
// keyed by the polgraph id that the file records for each node.
//
//   node tests/interop/graphology_positions.mjs gexf|json FILE
//
// Modules come from $POLGRAPH_INTEROP_MODULES (default ~/.cache/polgraph-interop/node_modules).
// Exit status 1 when the file does not load or a node has no numeric x or y.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const modules = process.env.POLGRAPH_INTEROP_MODULES
  || path.join(os.homedir(), '.cache', 'polgraph-interop', 'node_modules');
const require = createRequire(path.join(modules, 'resolve.js'));
const [format, file] = process.argv.slice(2);
if (!['gexf', 'json'].includes(format) || !file) {
  process.stderr.write('usage: node graphology_positions.mjs gexf|json FILE\n');
  process.exit(2);
}
try {
  const Graph = require('graphology');
  const text = fs.readFileSync(file, 'utf8');
  const graph = format === 'gexf'
    ? require('graphology-gexf').parse(Graph, text)
    : Graph.from(JSON.parse(text));
  const out = {};
  graph.forEachNode((key, a) => {
    if (typeof a.x !== 'number' || typeof a.y !== 'number') {
      throw new Error(`node ${key}: x=${a.x} y=${a.y} are not numbers`);
    }
    out[a.node_id ?? key] = [a.x, a.y];
  });
  process.stdout.write(JSON.stringify(out) + '\n');
} catch (e) {
  process.stderr.write(String(e && e.message ? e.message : e) + '\n');
  process.exit(1);
}
