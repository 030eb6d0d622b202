"""Graph.to_networkx and Graph.to_pandas: the nodes and edges of the graph or of a view."""

import sys
import unittest

try:
    import networkx
    import pandas
except ImportError as e:
    print(f"SKIP: the conversion tests need NetworkX and pandas (python3-networkx, "
          f"python3-pandas): {e}")
    sys.exit(0)

import polgraph
from support import cli_graph, read, run, TempDirTest


def view_counts(stderr):
    """(nodes, edges) of "polgraph: entities view (...): 139 nodes, 1117 edges -> ..."."""
    line = [l for l in stderr.splitlines() if " view" in l][-1]
    counts = line.split("): " if "): " in line else "view: ", 1)[1].split(" -> ")[0]
    nodes, edges = counts.split(", ")
    return int(nodes.split()[0]), int(edges.split()[0])


class ConvertTest(TempDirTest):
    def test_networkx_counts_equal_stats(self):
        _, g = cli_graph()
        stats = g.stats()
        nx = g.to_networkx()
        self.assertIsInstance(nx, networkx.MultiDiGraph)
        self.assertEqual(nx.number_of_nodes(), stats["nodes"])
        self.assertEqual(nx.number_of_edges(), stats["edges"])
        kinds = {}
        for _, _, kind in nx.edges(data="kind"):
            kinds[kind] = kinds.get(kind, 0) + 1
        self.assertEqual(kinds, {c["name"]: c["count"] for c in stats["edge_kinds"]})
        types = {}
        for _, t in nx.nodes(data="type"):
            types[t] = types.get(t, 0) + 1
        self.assertEqual(types, {c["name"]: c["count"] for c in stats["node_types"]})
        self.assertEqual(nx.nodes["organization:openai"]["label"], "OpenAI")

    def test_networkx_views_have_the_counts_export_gives(self):
        path, g = cli_graph()
        for view, kwargs, flags in [
            ("entities", {}, []),
            ("entities", {"drop_hubs": 2, "backbone": 0.3}, ["--drop-hubs", "2", "--backbone", "0.3"]),
            ("articles", {"since": "2025-02"}, ["--since", "2025-02"]),
            ("entity-topic", {"min_weight": 2}, ["--min-weight", "2"]),
        ]:
            with self.subTest(view=view, flags=flags):
                _, _, err = run("export", path, "-o", self.path("v.graphml"), "--view", view,
                                *flags)
                nx = g.to_networkx(view, **kwargs)
                self.assertFalse(nx.is_directed())
                self.assertEqual((nx.number_of_nodes(), nx.number_of_edges()), view_counts(err))
                self.assertEqual(nx.graph["view"], view)

    def test_networkx_has_the_nodes_and_weights_networkx_reads_from_graphml(self):
        path, g = cli_graph()
        run("export", path, "-o", self.path("e.graphml"), "--view", "entities", "-q")
        from_file = networkx.read_graphml(self.path("e.graphml"))
        ids = {n: d["node_id"] for n, d in from_file.nodes(data=True)}
        ours = g.to_networkx("entities")
        self.assertEqual(sorted(ours.nodes), sorted(ids.values()))

        def weights(edges, name):
            return sorted((min(name(u), name(v)), max(name(u), name(v)), w) for u, v, w in edges)

        self.assertEqual(weights(ours.edges(data="weight"), str),
                         weights(from_file.edges(data="weight"), ids.get))

    def test_pandas_frames_hold_every_node_and_edge(self):
        path, g = cli_graph()
        stats = g.stats()
        nodes, edges = g.to_pandas()
        self.assertIsInstance(nodes, pandas.DataFrame)
        self.assertEqual(len(nodes), stats["nodes"])
        self.assertEqual(len(edges), stats["edges"])
        self.assertTrue(nodes["id"].is_unique)
        self.assertTrue(set(edges["source"]) | set(edges["target"]) <= set(nodes["id"]))
        self.assertEqual(nodes["type"].value_counts().to_dict(),
                         {c["name"]: c["count"] for c in stats["node_types"]})
        self.assertEqual(edges["kind"].value_counts().to_dict(),
                         {c["name"]: c["count"] for c in stats["edge_kinds"]})
        articles = nodes[nodes["kind"] == "article"]
        self.assertEqual(int(articles["date"].eq("").sum()), stats["dates"]["undated"])
        nodes_v, edges_v = g.to_pandas("entities", drop_hubs=2)
        _, _, err = run("export", path, "-o", self.path("v.csv"), "--view", "entities",
                        "--drop-hubs", "2")
        self.assertEqual((len(nodes_v), len(edges_v)), view_counts(err))
        self.assertEqual(set(edges_v["kind"]), {"co_occurs"})

    def test_a_missing_package_is_named(self):
        _, g = cli_graph()
        saved = sys.modules.get("pandas")
        sys.modules["pandas"] = None  # what `import pandas` meets where it is not installed
        try:
            with self.assertRaises(ImportError) as e:
                g.to_pandas()
        finally:
            sys.modules["pandas"] = saved
        self.assertIn("pandas is not installed", str(e.exception))
        self.assertIn("python3-pandas", str(e.exception))


if __name__ == "__main__":
    unittest.main()
