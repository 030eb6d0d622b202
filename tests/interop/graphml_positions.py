#!/usr/bin/env python3
"""Print the node positions of a GraphML file as NetworkX reads them (the x and y keys of
`--layout`): one JSON object {node_id: [x, y]}, keyed by the polgraph id that the file records
for each node. Exit status 1 when a node has no numeric x or y.

    /usr/bin/python3 tests/interop/graphml_positions.py FILE
"""
import json
import sys

import networkx as nx

g = nx.read_graphml(sys.argv[1])
out = {}
for n, d in g.nodes(data=True):
    x, y = d.get("x"), d.get("y")
    if not isinstance(x, float) or not isinstance(y, float):
        print(f"node {n}: x={x!r} y={y!r} are not floats", file=sys.stderr)
        sys.exit(1)
    out[d.get("node_id", n)] = [x, y]
print(json.dumps(out))
