"""polgraph.extract, records, merge, list_inputs, Graph.load and save against the command:
the same bytes out."""

import json
import os
import unittest
import warnings

import polgraph
from support import SAMPLE, TempDirTest, corpus, read, run


class ExtractTest(TempDirTest):
    def test_graph_equals_the_commands_byte_for_byte(self):
        for jobs in (1, 2):
            with self.subTest(jobs=jobs):
                run("extract", *corpus(), "-j", str(jobs), "-o", self.path("cli.json"),
                    "-o", self.path("cli.pgsnap"), "-q")
                g = polgraph.extract(corpus(), jobs=jobs)
                g.save(self.path("py.json"))
                g.save(self.path("py.pgsnap"))
                self.assertEqual(read(self.path("py.json")), read(self.path("cli.json")))
                self.assertEqual(read(self.path("py.pgsnap")), read(self.path("cli.pgsnap")))
                self.assertEqual(g.errors, [])

    def test_extraction_options_are_the_commands(self):
        run("extract", SAMPLE, "--keyphrases", "--min-topic-score", "1.5", "--glob", "*.md",
            "-o", self.path("cli.json"), "-q")
        g = polgraph.extract(SAMPLE, keyphrases=True, min_topic_score=1.5, globs="*.md")
        g.save(self.path("py.json"))
        self.assertEqual(read(self.path("py.json")), read(self.path("cli.json")))
        self.assertIn(b'"keyphrase"', read(self.path("py.json")))

    def test_an_overlay_gives_the_commands_graph_and_records(self):
        with open(self.path("fix.tsv"), "w") as f:
            f.write("# curation\n"
                    "alias\torganization:nvidia\tGreen Team\n"
                    "add\torganization\tQuorvex\n"
                    "never\tparis\n"
                    "merge\torganization:microsoft\torganization:openai\n"
                    "drop\ttype:location\n")
        run("extract", *corpus(), "--overlay", self.path("fix.tsv"), "-o", self.path("cli.json"),
            "--jsonl", self.path("cli.jsonl"), "-q")
        run("extract", *corpus(), "-o", self.path("plain.json"), "-q")
        g = polgraph.extract(corpus(), overlay=self.path("fix.tsv"))
        g.save(self.path("py.json"))
        self.assertEqual(read(self.path("py.json")), read(self.path("cli.json")))
        self.assertNotEqual(read(self.path("py.json")), read(self.path("plain.json")))
        self.assertEqual([t["name"] for t in g.stats()["node_types"] if t["name"] == "location"],
                         [])
        lines = list(polgraph.records(corpus(), overlay=self.path("fix.tsv"), as_text=True))
        self.assertEqual(lines, read(self.path("cli.jsonl")).decode().splitlines())

    def test_a_bad_overlay_line_is_an_input_error_with_the_commands_message(self):
        with open(self.path("bad.tsv"), "w") as f:
            f.write("alias\torganization:nvidia\tGreen Team\nrename\tx\ty\n")
        status, _, err = run("extract", SAMPLE, "--overlay", self.path("bad.tsv"), "-o",
                             self.path("x.json"), check=False)
        self.assertEqual(status, 3)
        with self.assertRaises(polgraph.InputError) as e:
            polgraph.extract(SAMPLE, overlay=self.path("bad.tsv"))
        message = [l for l in err.splitlines() if l.startswith("polgraph: ")][-1]
        self.assertEqual("polgraph: " + str(e.exception), message)
        self.assertIn("bad.tsv", str(e.exception))
        self.assertFalse(os.path.exists(self.path("x.json")))

    def test_records_are_the_jsonl_lines(self):
        run("extract", *corpus(), "--jsonl", self.path("r.jsonl"), "-q")
        lines = read(self.path("r.jsonl")).decode().splitlines()
        records = polgraph.records(corpus())
        self.assertEqual(list(records), [json.loads(l) for l in lines])
        self.assertEqual(records.errors, [])
        self.assertEqual(list(polgraph.records(corpus(), as_text=True)), lines)

    def test_merge_equals_the_commands_and_the_whole_extract(self):
        parts = sorted(os.listdir(SAMPLE))
        a = [os.path.join(SAMPLE, p) for p in parts[:3]]
        b = [os.path.join(SAMPLE, p) for p in parts[3:]]
        run("extract", *a, "--jsonl", self.path("a.jsonl"), "-q")
        run("extract", *b, "-o", self.path("b.json"), "-o", self.path("b.pgsnap"), "-q")
        run("extract", SAMPLE, "-o", self.path("all.json"), "-q")
        for second in ("b.json", "b.pgsnap"):
            with self.subTest(second=second):
                inputs = [self.path("a.jsonl"), self.path(second)]
                run("merge", *inputs, "-o", self.path("cli.json"), "-q")
                polgraph.merge(inputs).save(self.path("py.json"))
                self.assertEqual(read(self.path("py.json")), read(self.path("cli.json")))
                self.assertEqual(read(self.path("py.json")), read(self.path("all.json")))

    def test_merge_warns_of_an_article_that_differs_between_inputs(self):
        # The same stem, another text: one id, two records; the greater content hash is kept.
        os.makedirs(self.path("edited"))
        with open(os.path.join(SAMPLE, "04_taiwan-fabs.md"), "rb") as f:
            text = f.read()
        with open(self.path("edited/04_taiwan-fabs.md"), "wb") as f:
            f.write(text + b"\nNvidia and TSMC said more.\n")
        run("extract", SAMPLE, "--jsonl", self.path("a.jsonl"), "-q")
        run("extract", self.path("edited"), "-o", self.path("b.json"), "-q")
        for inputs in ([self.path("a.jsonl"), self.path("b.json")],
                       [self.path("b.json"), self.path("a.jsonl")]):
            with self.subTest(inputs=inputs):
                _, _, err = run("merge", *inputs, "-o", self.path("cli.json"))
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    polgraph.merge(inputs).save(self.path("py.json"))
                self.assertEqual(read(self.path("py.json")), read(self.path("cli.json")))
                cli = [l[len("polgraph: warning: "):] for l in err.splitlines()
                       if l.startswith("polgraph: warning: ")]
                self.assertEqual(len(cli), 1)
                self.assertIn('article "04_taiwan-fabs" differs between', cli[0])
                self.assertEqual([str(w.message) for w in caught], cli)
                self.assertIs(caught[0].category, polgraph.InputWarning)

    def test_load_and_save_round_trip(self):
        polgraph.extract(corpus()).save(self.path("g.json"))
        g = polgraph.Graph.load(self.path("g.json"))
        g.save(self.path("g2.json"))
        g.save(self.path("g.pgsnap"))
        polgraph.Graph.load(self.path("g.pgsnap")).save(self.path("g3.json"))
        self.assertEqual(read(self.path("g2.json")), read(self.path("g.json")))
        self.assertEqual(read(self.path("g3.json")), read(self.path("g.json")))

    def test_save_writes_what_export_writes(self):
        run("extract", *corpus(), "-o", self.path("g.json"), "-q")
        g = polgraph.Graph.load(self.path("g.json"))
        cases = [
            ("x.graphml", None, "bipartite", {}, []),
            ("x.gexf", None, "entities", {"drop_hubs": 2, "backbone": 0.3, "dynamic": True},
             ["--view", "entities", "--drop-hubs", "2", "--backbone", "0.3", "--dynamic"]),
            ("x.csv", None, "articles", {"since": "2025-02", "drop_hubs": 3},
             ["--view", "articles", "--since", "2025-02", "--drop-hubs", "3"]),
            ("x.out", "graphology", "entities",
             {"types": ["person", "organization"], "weight": "association"},
             ["--format", "graphology", "--view", "entities", "--types",
              "person,organization", "--weight", "association"]),
            ("x.graphml", None, "entity-topic", {"min_weight": 2, "types": "organization,topic"},
             ["--view", "entity-topic", "--min-weight", "2", "--types", "organization,topic"]),
            ("x.neo4j", None, "bipartite", {"until": "2025", "min_articles": 2, "top": 20},
             ["--until", "2025", "--min-articles", "2", "--top", "20"]),
            ("x.json", None, "entities", {"top": 30}, ["--view", "entities", "--top", "30"]),
            ("m.csv", None, "mentions", {"since": "2025-02", "types": "organization"},
             ["--view", "mentions", "--since", "2025-02", "--types", "organization"]),
            ("t.csv", None, "timeline", {"min_articles": 2},
             ["--view", "timeline", "--min-articles", "2"]),
            ("l.out", "graphology", "entities", {"layout": "fa2", "seed": 7, "drop_hubs": 1},
             ["--format", "graphology", "--view", "entities", "--layout", "fa2", "--seed", "7",
              "--drop-hubs", "1"]),
            ("p.html", None, "entities", {"top": 40}, ["--view", "entities", "--top", "40"]),
            ("q.html", None, "bipartite", {"layout": "none"}, ["--layout", "none"]),
            ("l.gexf", None, "entities",
             {"layout": "fa2", "layout_iterations": 40, "gexf_version": "1.2"},
             ["--view", "entities", "--layout", "fa2", "--layout-iterations", "40",
              "--gexf-version", "1.2"]),
        ]
        for name, fmt, view, kwargs, flags in cases:
            with self.subTest(name=name, flags=flags):
                os.makedirs(self.path("cli"), exist_ok=True)
                os.makedirs(self.path("py"), exist_ok=True)
                run("export", self.path("g.json"), "-o", self.path("cli/" + name), "-q", *flags)
                g.save(self.path("py/" + name), format=fmt, view=view, **kwargs)
                cli_files = sorted(os.listdir(self.path("cli")))
                self.assertEqual(sorted(os.listdir(self.path("py"))), cli_files)
                for f in cli_files:
                    self.assertEqual(read(self.path("py/" + f)), read(self.path("cli/" + f)), f)
                    os.remove(self.path("py/" + f))
                    os.remove(self.path("cli/" + f))

    def test_shards_of_a_listing_keep_the_ids_of_one_run(self):
        # Two files of one input share a stem: one run gives them path-based ids, which the
        # shards of its listing keep.
        with open(os.path.join(SAMPLE, "04_taiwan-fabs.md"), "rb") as f:
            text = f.read()
        for d in ("a", "b"):
            os.makedirs(self.path("root/" + d))
            with open(self.path(f"root/{d}/fabs.md"), "wb") as f:
                f.write(text.replace(b"Taiwan", b"Taiwan " + d.encode()))
        inputs = [self.path("root"), SAMPLE]
        listed, errors = polgraph.list_inputs(inputs)
        self.assertEqual(errors, [])
        # The listing is sorted by path, so where the temporary directory sorts against the
        # checkout decides the order: look at this test's two files wherever they are.
        mine = [e for e in listed if e[0].startswith(self.path("root") + os.sep)]
        self.assertEqual(mine, [(self.path("root/a/fabs.md"), "a/fabs"),
                                (self.path("root/b/fabs.md"), "b/fabs")])
        self.assertEqual(len(listed), len(os.listdir(SAMPLE)) + 2)
        run("extract", *inputs, "--jsonl", self.path("cli.jsonl"), "-o", self.path("cli.json"),
            "-q")
        lines = []
        for shard in (listed[0::2], listed[1::2]):
            lines += polgraph.records(shard, as_text=True)
        self.assertEqual(sorted(lines),
                         sorted(read(self.path("cli.jsonl")).decode().splitlines()))
        with open(self.path("shards.jsonl"), "w") as f:
            f.writelines(l + "\n" for l in lines)
        polgraph.merge(self.path("shards.jsonl")).save(self.path("py.json"))
        self.assertEqual(read(self.path("py.json")), read(self.path("cli.json")))
        with self.assertRaises(polgraph.UsageError):
            polgraph.extract([mine[0], SAMPLE])

    def test_failed_inputs_warn_and_are_listed_as_the_errors_file_lists_them(self):
        os.makedirs(self.path("in"))
        for name in sorted(os.listdir(SAMPLE))[:2]:
            with open(os.path.join(SAMPLE, name), "rb") as f:
                data = f.read()
            with open(self.path("in/" + name), "wb") as f:
                f.write(data)
        with open(self.path("in/binary.md"), "wb") as f:
            f.write(bytes(range(256)) * 8)
        with open(self.path("in/broken.md"), "w") as f:
            f.write("---\ntitle: [unclosed\n---\nText.\n")
        with open(self.path("in/undated.md"), "w") as f:
            f.write("---\ntitle: T\nnewsDate: 05/03/2026\n---\nThe EU and OpenAI met.\n")
        missing = self.path("missing")
        status, _, err = run("extract", self.path("in"), missing, "-o", self.path("cli.json"),
                             "--errors", self.path("errors.jsonl"), check=False)
        self.assertEqual(status, 1)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            g = polgraph.extract([self.path("in"), missing])
        g.save(self.path("py.json"))
        self.assertEqual(read(self.path("py.json")), read(self.path("cli.json")))
        expected = [json.loads(l) for l in read(self.path("errors.jsonl")).decode().splitlines()]
        self.assertEqual(g.errors, expected)
        self.assertEqual(sum("warning" in e for e in g.errors), 1)
        failures = [l[len("polgraph: "):] for l in err.splitlines()
                    if l.startswith("polgraph: ") and "articles," not in l]
        self.assertEqual([str(w.message) for w in caught], failures)
        self.assertEqual(len(failures), 3)


if __name__ == "__main__":
    unittest.main()
