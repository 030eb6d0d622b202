"""Helpers for the Python tests: the polgraph command and the corpora they compare against.
No mocks: every test runs the real module and the real command on real files.

The environment (tests/CMakeLists.txt sets it): PYTHONPATH (the built module), POLGRAPH_BIN (the
command), POLGRAPH_SOURCE_DIR (for data/sample), POLGRAPH_SHARED or POLGRAPH_SHARED_DEFAULT (the
development corpus, ../shared beside the clone).
"""

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import polgraph

BIN = os.environ["POLGRAPH_BIN"]
SOURCE = os.environ["POLGRAPH_SOURCE_DIR"]
SAMPLE = os.path.join(SOURCE, "data", "sample")


def shared_dir():
    """../shared next to the source tree ($POLGRAPH_SHARED overrides), or None when absent."""
    d = os.environ.get("POLGRAPH_SHARED") or os.environ.get("POLGRAPH_SHARED_DEFAULT", "")
    return d if d and os.path.isdir(d) else None


def corpus():
    """The inputs the tests extract: the development corpus and data/sample (data/sample
    alone, with a note, where ../shared is absent)."""
    shared = shared_dir()
    if shared is None:
        print("NOTE: ../shared is absent: the Python tests use data/sample only")
        return [SAMPLE]
    return [os.path.join(shared, "corpus"), SAMPLE]


def run(*args, stdin=None, check=True):
    """Runs the polgraph command; returns (status, stdout, stderr) as text."""
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, check=False)
    if check and p.returncode != 0:
        raise AssertionError(f"polgraph {' '.join(args)}: status {p.returncode}\n{p.stderr}")
    return p.returncode, p.stdout, p.stderr


def cli_message(stderr):
    """The message of the CLI's error line: its stderr without the "polgraph: " prefix."""
    lines = [l for l in stderr.splitlines() if l.startswith("polgraph: ")]
    assert lines, f"no polgraph: line in {stderr!r}"
    return lines[-1][len("polgraph: "):]


def read(path):
    with open(path, "rb") as f:
        return f.read()


class TempDirTest(unittest.TestCase):
    """A test case with a fresh temporary directory, self.tmp."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="polgraph-py-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, name):
        return os.path.join(self.tmp, name)


_graphs = {}


def cli_graph():
    """The development corpus extracted by the command, once per process: (JSON path, the
    Graph loaded from it)."""
    if "g" not in _graphs:
        d = tempfile.mkdtemp(prefix="polgraph-py-cli-")
        atexit.register(shutil.rmtree, d, True)
        path = os.path.join(d, "g.json")
        run("extract", *corpus(), "-o", path, "-q")
        _graphs["g"] = (path, polgraph.Graph.load(path))
    return _graphs["g"]


def json_line(text):
    """One line of --json output, parsed."""
    lines = text.splitlines()
    assert len(lines) == 1, text
    return json.loads(lines[0])
