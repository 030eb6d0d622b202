"""scripts/dask_extract.py on a Dask cluster of one scheduler and two worker processes on
127.0.0.1: the graph, records and error report are those `polgraph extract` writes, whether
the workers make the records with the Python module or with the command."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unittest

try:
    import distributed
except ImportError as e:
    print(f"SKIP: the Dask test needs python3-distributed: {e}")
    sys.exit(0)

from support import SOURCE, TempDirTest, corpus, read, run, BIN

SCRIPT = os.path.join(SOURCE, "scripts", "dask_extract.py")


class Cluster:
    """dask-scheduler and two dask-worker processes (one thread each, no nanny, no dashboard)
    on 127.0.0.1, ephemeral ports, in `tmp`; stopped by stop(), which the test registers as a
    cleanup before waiting for anything, so that they stop whatever happens."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.procs = []
        self.logs = []

    def spawn(self, name, args):
        log = open(os.path.join(self.tmp, name + ".log"), "w")
        self.logs.append((name, log))
        # Their own session: stop() signals each process group; --idle-timeout and
        # --death-timeout end them should this test be killed before it can.
        self.procs.append(subprocess.Popen([sys.executable, "-m", *args], stdout=log,
                                           stderr=subprocess.STDOUT, cwd=self.tmp,
                                           start_new_session=True))

    def start(self):
        sched_file = os.path.join(self.tmp, "scheduler.json")
        self.spawn("scheduler", ["distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                 "--port", "0", "--no-dashboard", "--scheduler-file", sched_file,
                                 "--idle-timeout", "300"])
        deadline = time.monotonic() + 60
        while True:
            if self.procs[0].poll() is not None:
                raise AssertionError("dask-scheduler exited:\n" + self.log("scheduler"))
            try:
                with open(sched_file) as f:
                    self.address = json.load(f)["address"]
                break
            except (OSError, ValueError, KeyError):
                if time.monotonic() > deadline:
                    raise AssertionError("dask-scheduler did not start:\n" + self.log("scheduler"))
                time.sleep(0.1)
        for i in (1, 2):
            self.spawn(f"worker{i}", ["distributed.cli.dask_worker", self.address, "--nthreads",
                                      "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                                      "--name", f"w{i}", "--death-timeout", "60",
                                      "--local-directory", os.path.join(self.tmp, f"w{i}")])
        with distributed.Client(self.address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)

    def log(self, name):
        for n, f in self.logs:
            if n == name:
                f.flush()
                with open(f.name) as r:
                    return r.read()
        return ""

    def stop(self):
        for p in self.procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        for _, f in self.logs:
            f.close()


class DaskTest(TempDirTest):
    def test_a_cluster_run_writes_what_extract_writes(self):
        cluster = Cluster(self.tmp)
        self.addCleanup(cluster.stop)
        cluster.start()
        # Inputs with two files that fail and one read with a warning, besides the corpus.
        os.makedirs(self.path("odd"))
        with open(self.path("odd/binary.md"), "wb") as f:
            f.write(bytes(range(256)) * 8)
        with open(self.path("odd/undated.md"), "w") as f:
            f.write("---\ntitle: T\nnewsDate: 05/03/2026\n---\nThe EU and OpenAI met.\n")
        inputs = [*corpus(), self.path("odd"), self.path("missing")]
        # And a curation overlay, which every worker applies.
        with open(self.path("fix.tsv"), "w") as f:
            f.write("add\torganization\tQuorvex\nmerge\torganization:microsoft\t"
                    "organization:openai\n")
        outputs = ["g.json", "g.pgsnap", "r.jsonl", "e.jsonl"]
        os.makedirs(self.path("cli"))
        status, _, _ = run("extract", *inputs, "-o", self.path("cli/g.json"), "-o",
                           self.path("cli/g.pgsnap"), "--jsonl", self.path("cli/r.jsonl"),
                           "--errors", self.path("cli/e.jsonl"), "--overlay",
                           self.path("fix.tsv"), "-q", check=False)
        self.assertEqual(status, 1)
        for mapper in ("module", "cli"):
            with self.subTest(mapper=mapper):
                d = self.path("by-" + mapper)
                os.makedirs(d)
                p = subprocess.run(
                    [sys.executable, SCRIPT, "--scheduler", cluster.address, *inputs,
                     "--shard-size", "5", "--mapper", mapper, "--cli", BIN,
                     "--overlay", self.path("fix.tsv"),
                     "-o", os.path.join(d, "g.json"), "-o", os.path.join(d, "g.pgsnap"),
                     "--jsonl", os.path.join(d, "r.jsonl"), "--errors", os.path.join(d, "e.jsonl")],
                    capture_output=True, text=True, timeout=300, check=False)
                self.assertEqual(p.returncode, 1, p.stderr)
                # The summary line; under load, distributed may log after it as the client's
                # event loop shuts down ("Future exception was never retrieved").
                summary = [l for l in p.stderr.splitlines() if l.startswith("dask_extract: ")]
                self.assertEqual(len(summary), 1, p.stderr)
                self.assertIn(f"on {mapper} ", summary[0], p.stderr)
                for name in outputs:
                    self.assertEqual(read(os.path.join(d, name)), read(self.path("cli/" + name)),
                                     name)
        print(summary)


if __name__ == "__main__":
    unittest.main()
