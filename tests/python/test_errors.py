"""Errors are Python exceptions carrying the command's messages: polgraph.UsageError for its
usage errors (exit status 2), polgraph.InputError for its fatal ones (exit status 3)."""

import os
import unittest

import polgraph
from support import SAMPLE, TempDirTest, cli_graph, cli_message, json_line, run


class ErrorTest(TempDirTest):
    def expect(self, exc_type, call, *cli_args, status):
        """call() raises exc_type with the message `polgraph CLI_ARGS` prints, which exits with
        `status`."""
        code, _, err = run(*cli_args, check=False)
        self.assertEqual(code, status, err)
        with self.assertRaises(exc_type) as e:
            call()
        self.assertEqual(str(e.exception), cli_message(err))
        return str(e.exception)

    def test_an_unknown_name_is_a_usage_error_with_the_closest_matches(self):
        path, g = cli_graph()
        msg = self.expect(polgraph.UsageError, lambda: g.neighbors("Nvida"),
                          "query", path, "neighbors", "Nvida", status=2)
        self.assertIn('did you mean "Nvidia"', msg)
        self.expect(polgraph.UsageError, lambda: g.related("no-such-article"),
                    "query", path, "related", "no-such-article", status=2)
        self.expect(polgraph.UsageError, lambda: g.top(type="planet"),
                    "query", path, "top", "--type", "planet", status=2)
        self.assertTrue(issubclass(polgraph.UsageError, ValueError))

    def test_a_bad_query_key_answers_as_batch_mode_does(self):
        path, g = cli_graph()
        _, out, _ = run("query", path, "--batch", stdin='{"query":"neighbors","entity":"OpenAI","depth":3}\n',
                        check=False)
        with self.assertRaises(polgraph.UsageError) as e:
            g.neighbors("OpenAI", depth=3)
        self.assertEqual(str(e.exception), json_line(out)["error"])

    def test_a_view_the_library_refuses_is_a_usage_error(self):
        path, g = cli_graph()
        self.expect(polgraph.UsageError,
                    lambda: g.save(self.path("x.gexf"), view="entities", types="planet"),
                    "export", path, "-o", self.path("x.gexf"), "--view", "entities",
                    "--types", "planet", status=2)
        self.expect(polgraph.UsageError, lambda: g.save(self.path("x.pgsnap"), top=3),
                    "export", path, "-o", self.path("x.pgsnap"), "--top", "3", status=2)
        self.expect(polgraph.UsageError, lambda: g.save(self.path("x.gml")),
                    "export", path, "-o", self.path("x.gml"), status=2)
        self.expect(polgraph.UsageError,
                    lambda: g.save(self.path("m.graphml"), view="mentions"),
                    "export", path, "-o", self.path("m.graphml"), "--view", "mentions", status=2)
        self.expect(polgraph.UsageError,
                    lambda: g.save(self.path("m.csv"), view="timeline", weight="jaccard"),
                    "export", path, "-o", self.path("m.csv"), "--view", "timeline", "--weight",
                    "jaccard", status=2)
        with self.assertRaises(polgraph.UsageError) as e:
            g.save(self.path("x.gexf"), layout="circle")
        self.assertIn('unknown layout "circle"', str(e.exception))
        self.assertFalse(os.path.exists(self.path("x.gexf")))
        self.assertFalse(os.path.exists(self.path("m.csv")))
        with self.assertRaises(polgraph.UsageError) as e:
            g.save(self.path("x.gexf"), drop_hub=3)
        self.assertIn("unknown filter drop_hub", str(e.exception))
        with self.assertRaises(polgraph.UsageError) as e:
            g.to_pandas(top="3")
        self.assertEqual(str(e.exception), "filter top: expected an integer, got str")

    def test_unreadable_files_are_input_errors(self):
        path, g = cli_graph()
        missing = self.path("missing.json")
        self.expect(polgraph.InputError, lambda: polgraph.Graph.load(missing),
                    "query", missing, "stats", status=3)
        run("export", path, "-o", self.path("g.graphml"), "-q")
        msg = self.expect(polgraph.InputError, lambda: polgraph.Graph.load(self.path("g.graphml")),
                          "query", self.path("g.graphml"), "stats", status=3)
        self.assertIn("GraphML", msg)
        with open(self.path("bad.jsonl"), "w") as f:
            f.write('{"id": "a", "path": "a.md"}\n{"id": \n')
        self.expect(polgraph.InputError, lambda: polgraph.merge([self.path("bad.jsonl")]),
                    "merge", self.path("bad.jsonl"), "-o", self.path("m.json"), status=3)
        self.expect(polgraph.InputError, lambda: g.save(self.path("no/dir/g.json")),
                    "export", path, "-o", self.path("no/dir/g.json"), status=3)
        self.expect(polgraph.InputError, lambda: polgraph.extract(SAMPLE, data=self.tmp),
                    "extract", SAMPLE, "--data", self.tmp, "-o", self.path("x.json"), status=3)

    def test_a_run_that_reads_nothing_is_an_input_error(self):
        missing = self.path("missing")
        for args, kwargs in [([missing], {}), ([SAMPLE], {"globs": "*.zzz"})]:
            with self.subTest(args=args, kwargs=kwargs):
                flags = ["--glob", kwargs["globs"]] if kwargs else []
                code, _, err = run("extract", *args, *flags, "-o", self.path("x.json"), "-q",
                                   check=False)
                self.assertEqual(code, 3)
                with self.assertRaises(polgraph.InputError) as e:
                    polgraph.extract(args, **kwargs)
                # The command adds what it did not write; Python, how to get an empty graph.
                self.assertEqual(str(e.exception).split("; allow_empty")[0],
                                 cli_message(err).split("; nothing written")[0])
                self.assertEqual(polgraph.extract(args, allow_empty=True, **kwargs).node_count, 0)


if __name__ == "__main__":
    unittest.main()
