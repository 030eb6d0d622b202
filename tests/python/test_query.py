"""Graph.related, neighbors, path, top and stats return what `polgraph query ... --json`
prints, for a loaded graph and for one just extracted."""

import unittest

import polgraph
from support import cli_graph, corpus, json_line, run

# (the command's arguments after the graph, the method, its arguments)
QUERIES = [
    (["related", "000_seed", "--top", "5"], "related", {"article": "000_seed", "top": 5}),
    (["related", "01_chip-rules-tighten"], "related", {"article": "01_chip-rules-tighten"}),
    (["related", "--entity", "OpenAI", "--top", "0"], "related", {"entity": "OpenAI", "top": 0}),
    (["neighbors", "OpenAI", "--top", "3"], "neighbors", {"entity": "OpenAI", "top": 3}),
    (["neighbors", "Nvidia", "--type", "location", "--depth", "2"], "neighbors",
     {"entity": "Nvidia", "type": "location", "depth": 2}),
    (["path", "Nvidia", "China"], "path", {"a": "Nvidia", "b": "China"}),
    (["top"], "top", {}),
    (["top", "--by", "pagerank", "--type", "organization", "--top", "5"], "top",
     {"by": "pagerank", "type": "organization", "top": 5}),
    (["top", "--by", "betweenness", "--topic", "export controls"], "top",
     {"by": "betweenness", "topic": "export controls"}),
    (["stats"], "stats", {}),
]


class QueryTest(unittest.TestCase):
    def test_each_query_returns_what_json_prints(self):
        path, g = cli_graph()
        for args, method, kwargs in QUERIES:
            with self.subTest(args=args):
                _, out, _ = run("query", path, *args, "--json")
                self.assertEqual(getattr(g, method)(**kwargs), json_line(out))

    def test_an_extracted_graph_answers_as_the_loaded_one(self):
        _, loaded = cli_graph()
        g = polgraph.extract(corpus())
        for _, method, kwargs in QUERIES:
            with self.subTest(method=method, kwargs=kwargs):
                self.assertEqual(getattr(g, method)(**kwargs), getattr(loaded, method)(**kwargs))

    def test_filters_pass_through_to_the_library_which_names_the_keys_it_takes(self):
        path, g = cli_graph()
        with self.assertRaises(polgraph.UsageError) as e:
            g.related("000_seed", no_such_filter=1)
        _, out, _ = run("query", path, "--batch", check=False,
                        stdin='{"query":"related","article":"000_seed","no_such_filter":1}\n')
        self.assertEqual(str(e.exception), json_line(out)["error"])
        self.assertTrue(str(e.exception).startswith(
            '"related" query: unknown key "no_such_filter" (known: article, entity, topic, top, '
            'since, until, types, exclude_types, drop_hubs)'), str(e.exception))
        with self.assertRaises(polgraph.UsageError) as e:
            g.path("OpenAI", "Nvidia", query="top")
        self.assertIn('"query" is not a filter', str(e.exception))


if __name__ == "__main__":
    unittest.main()
