#!/usr/bin/env python3
"""The overhead of polgraph.extract in Python over the polgraph command, on the same articles.

Each run is a fresh process, timed from its start to its exit: the command `polgraph extract DIR
-o OUT -q`, and `python3 -c "import polgraph; polgraph.extract(DIR).save(OUT)"` (the import, the
extract, the save). The two alternate, so that the machine's drift touches both alike; prints the
medians, the overhead of Python in percent, and checks that both wrote the same bytes.

    build/bench/gen_corpus 10000 /tmp/corpus --seed 7
    PYTHONPATH=build/python /usr/bin/python3 bench/bench_python.py build/polgraph /tmp/corpus

Benchmarks print figures; this one never fails on time.
"""

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd, env):
    """(wall seconds, CPU seconds: user + system) of one run of cmd."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise subprocess.CalledProcessError(p.returncode, cmd)
    return wall, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("polgraph", help="the polgraph command")
    ap.add_argument("corpus", help="a directory of articles (gen_corpus)")
    ap.add_argument("--repeats", type=int, default=5, help="runs of each (default 5)")
    ap.add_argument("--jobs", type=int, default=0, help="-j / jobs= (default: one a core)")
    ap.add_argument("--suffix", default="pgsnap", help="output format by suffix (default pgsnap)")
    ap.add_argument("--libstdcxx-first", action="store_true",
                    help="load libstdc++ before polgraph, as an extension written in C++ (pandas) "
                    "does: the module's allocations then come from glibc's malloc")
    args = ap.parse_args()
    import polgraph  # here, to fail early where PYTHONPATH lacks it

    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(polgraph.__file__)))
    with tempfile.TemporaryDirectory(prefix="bench-python-") as tmp:
        cli_out = os.path.join(tmp, "cli." + args.suffix)
        py_out = os.path.join(tmp, "py." + args.suffix)
        cli = [args.polgraph, "extract", args.corpus, "-o", cli_out, "-q", "-j", str(args.jobs)]
        first = "import ctypes; ctypes.CDLL('libstdc++.so.6'); " if args.libstdcxx_first else ""
        py = [sys.executable, "-c",
              first + "import sys, polgraph; "
              "polgraph.extract(sys.argv[1], jobs=int(sys.argv[3])).save(sys.argv[2])",
              args.corpus, py_out, str(args.jobs)]
        wall = {"cli": [], "python": []}
        cpu = {"cli": [], "python": []}
        for i in range(args.repeats):
            order = [("cli", cli), ("python", py)] if i % 2 == 0 else [("python", py), ("cli", cli)]
            for name, cmd in order:
                w, c = timed(cmd, env)
                wall[name].append(w)
                cpu[name].append(c)
                print(f"run {i + 1} {name}: {w:.2f} s wall, {c:.2f} s CPU", file=sys.stderr)
        same = filecmp.cmp(cli_out, py_out, shallow=False)
    print(f"{args.corpus}: {args.repeats} runs each, alternated, -j {args.jobs or os.cpu_count()}, "
          f"Python's C++ allocations from "
          f"{'malloc' if args.libstdcxx_first else polgraph._polgraph.allocator}")
    for label, times in (("wall", wall), ("CPU (user + system)", cpu)):
        c, p = statistics.median(times["cli"]), statistics.median(times["python"])
        print(f"  {label}: polgraph extract -o .{args.suffix} median {c:.2f} s "
              f"({' '.join(f'{t:.2f}' for t in times['cli'])}); "
              f"polgraph.extract(...).save(...) median {p:.2f} s "
              f"({' '.join(f'{t:.2f}' for t in times['python'])}); "
              f"Python overhead {100 * (p - c) / c:+.1f}%")
    print(f"  same bytes: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
