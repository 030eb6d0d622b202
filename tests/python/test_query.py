"""Graph.related, neighbors, path, top and stats return what `polgraph query ... --json`
prints, for a loaded graph and for one just extracted."""

import unittest

import polgraph
from support import cli_graph, corpus, json_line, run

# (the command's arguments after the graph, the method, its arguments)
QUERIES = [
    (["related", "02_eu-ai-act-timeline", "--top", "5"], "related",
     {"article": "02_eu-ai-act-timeline", "top": 5}),
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
    # The filters (QueryFilters) and the path options, as keyword arguments.
    (["related", "01_chip-rules-tighten", "--since", "2025-02", "--exclude-types", "location"],
     "related", {"article": "01_chip-rules-tighten", "since": "2025-02",
                 "exclude_types": ["location"]}),
    (["related", "--entity", "Nvidia", "--until", "2025-03", "--topic", "export controls"],
     "related", {"entity": "Nvidia", "until": "2025-03", "topic": "export controls"}),
    (["related", "--topic", "export controls", "--top", "3"], "related",
     {"topic": "export controls", "top": 3}),
    (["neighbors", "OpenAI", "--weight", "fractional", "--types", "person,organization",
      "--drop-hubs", "2"], "neighbors",
     {"entity": "OpenAI", "weight": "fractional", "types": "person,organization",
      "drop_hubs": 2}),
    (["path", "Nvidia", "China", "--via-sentences", "--evidence"], "path",
     {"a": "Nvidia", "b": "China", "via_sentences": True, "evidence": True}),
    (["path", "OpenAI", "China", "--max-hops", "1", "--exclude-types", "location"], "path",
     {"a": "OpenAI", "b": "China", "max_hops": 1, "exclude_types": "location"}),
    (["top", "--by", "pagerank", "--since", "2025", "--weight", "fractional", "--drop-hubs",
      "1"], "top", {"by": "pagerank", "since": "2025", "weight": "fractional", "drop_hubs": 1}),
    (["topics"], "topics", {}),
    (["topics", "--top", "3", "--since", "2025-02"], "topics", {"top": 3, "since": "2025-02"}),
    (["evidence", "Nvidia", "China"], "evidence", {"a": "Nvidia", "b": "China"}),
    (["evidence", "Nvidia", "China", "--top", "2", "--until", "2025-06"], "evidence",
     {"a": "Nvidia", "b": "China", "top": 2, "until": "2025-06"}),
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

    def test_the_filters_change_the_answers(self):
        # Not a pass-through that drops them: each filtered query differs from the plain one.
        _, g = cli_graph()
        self.assertNotEqual(g.related("01_chip-rules-tighten", since="2025-05")["results"],
                            g.related("01_chip-rules-tighten")["results"])
        self.assertNotEqual(g.neighbors("OpenAI", weight="fractional")["results"],
                            g.neighbors("OpenAI")["results"])
        found = g.path("Nvidia", "China", evidence=True)
        self.assertTrue(found["found"])
        self.assertTrue(all(h["evidence"]["status"] in ("ok", "none") for h in found["hops"]))
        self.assertIn("ok", [h["evidence"]["status"] for h in found["hops"]])
        self.assertGreater(g.evidence("Nvidia", "China")["total"], 0)

    def test_evidence_reads_relative_paths_under_the_root(self):
        # A graph of relative paths, queried from elsewhere: found under root=, missing without.
        import os
        import shutil
        import tempfile
        from support import SAMPLE
        tmp = tempfile.mkdtemp(prefix="polgraph-py-root-")
        self.addCleanup(shutil.rmtree, tmp, True)
        shutil.copytree(SAMPLE, os.path.join(tmp, "sample"))
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            polgraph.extract("sample").save("g.json")
            here = polgraph.Graph.load("g.json")
        finally:
            os.chdir(cwd)
        self.assertEqual(here.root, tmp)
        elsewhere = polgraph.Graph.load(os.path.join(tmp, "g.json"))
        rooted = polgraph.Graph.load(os.path.join(tmp, "g.json"), root=tmp)
        statuses = lambda g: {r["status"] for r in g.evidence("Nvidia", "China")["results"]}
        self.assertEqual(statuses(here), {"ok"})
        self.assertEqual(statuses(rooted), {"ok"})
        self.assertEqual(statuses(elsewhere), {"missing"})
        _, out, _ = run("query", os.path.join(tmp, "g.json"), "--root", tmp, "evidence",
                        "Nvidia", "China", "--json")
        self.assertEqual(rooted.evidence("Nvidia", "China"), json_line(out))

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
