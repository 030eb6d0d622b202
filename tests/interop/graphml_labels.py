#!/usr/bin/env python3
"""Print the node labels of a GraphML file as NetworkX reads them (one JSON list).

    /usr/bin/python3 tests/interop/graphml_labels.py FILE
"""
import json
import sys

import networkx as nx

g = nx.read_graphml(sys.argv[1])
print(json.dumps([d.get("label", "") for _, d in g.nodes(data=True)], ensure_ascii=False))
