"""The module's C++ allocations use mimalloc, as the command's do, where libstdc++ and yaml-cpp
were first loaded with the module; where another extension loaded libstdc++ first, glibc's
malloc (python/allocator.cpp). Either way the graph is the command's, byte for byte."""

import os
import subprocess
import sys
import unittest

from support import TempDirTest, corpus, read, run

# Extract, save, then load, query and convert: allocations made on one side of the check freed
# on the other (graphs freed after other libraries are loaded).
SCRIPT = """
import sys
if sys.argv[1] == "libstdc++ first":
    import ctypes
    ctypes.CDLL("libstdc++.so.6")  # as an extension written in C++ would load it
import polgraph
print(polgraph._polgraph.allocator)
g = polgraph.extract(sys.argv[3:], jobs=2)
g.save(sys.argv[2])
del g
import email, json, sqlite3  # more libraries loaded after the module
g = polgraph.Graph.load(sys.argv[2])
assert g.stats()["nodes"] == g.node_count
assert g.top(by="pagerank")["results"]
"""


class AllocatorTest(TempDirTest):
    def test_mimalloc_where_consistent_else_malloc_and_the_same_bytes(self):
        _, version, _ = run("--version")
        linked = "mimalloc" in version
        run("extract", *corpus(), "-o", self.path("cli.json"), "-q")
        for order, expected in (("polgraph first", "mimalloc" if linked else "malloc"),
                                ("libstdc++ first", "malloc")):
            with self.subTest(order=order):
                out = self.path(order.split()[0] + ".json")
                p = subprocess.run([sys.executable, "-c", SCRIPT, order, out, *corpus()],
                                   capture_output=True, text=True, check=False)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertEqual(p.stdout.strip(), expected)
                self.assertEqual(read(out), read(self.path("cli.json")))


if __name__ == "__main__":
    unittest.main()
