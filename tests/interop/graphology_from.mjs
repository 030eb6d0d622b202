#!/usr/bin/env node
// Load polgraph's graphology JSON (`--format graphology`) the way Gephi Lite's JSON import does,
// with graphology's Graph.from, and print one JSON line with the counts.
//
//   node tests/interop/graphology_from.mjs FILE [--labels]
//
// Modules come from $POLGRAPH_INTEROP_MODULES (default ~/.cache/polgraph-interop/node_modules,
// where scripts/bootstrap.sh --test installs them). Besides loading, it checks what sigma.js
// needs to draw the file as it is: numeric x, y and size on every node, and no node attribute
// named `type` (sigma would look for a node program of that name).
// --labels: a second line with every node label (JSON list).
// Exit status 0 on success, 1 on failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const modules = process.env.POLGRAPH_INTEROP_MODULES
  || path.join(os.homedir(), '.cache', 'polgraph-interop', 'node_modules');
const require = createRequire(path.join(modules, 'resolve.js'));
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: node graphology_from.mjs FILE [--labels]\n');
  process.exit(2);
}

const out = { tool: 'graphology Graph.from', file };
let labels = [];
try {
  const Graph = require('graphology');
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const graph = Graph.from(data);
  graph.forEachNode((key, a) => {
    for (const k of ['x', 'y', 'size']) {
      if (typeof a[k] !== 'number' || !Number.isFinite(a[k])) {
        throw new Error(`node ${key}: attribute ${k} is not a number`);
      }
    }
    if ('type' in a) throw new Error(`node ${key}: has a "type" attribute (reserved by sigma.js)`);
    labels.push(a.label);
  });
  out.ok = true;
  out.nodes = graph.order;
  out.edges = graph.size;
  out.type = graph.type;
  out.multi = graph.multi;
} catch (e) {
  out.ok = false;
  out.error = String(e && e.message ? e.message : e).split('\n')[0];
}
process.stdout.write(JSON.stringify(out) + '\n');
if (out.ok && args.includes('--labels')) process.stdout.write(JSON.stringify(labels) + '\n');
process.exit(out.ok ? 0 : 1);
