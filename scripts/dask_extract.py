#!/usr/bin/env python3
"""Extract a polgraph graph on a Dask cluster: the map step on the workers, the merge here.

The input files are listed here as `polgraph extract` lists them (its order, and the ids one
run gives them) and cut into shards. Each worker turns a shard into records through the polgraph
Python module where it can import it, else through the `polgraph` command; the records come back
here and are merged into one graph: byte for byte what `polgraph extract` writes for the same
files, and so are --jsonl and --errors. The workers read the files themselves: give paths that
every worker can open (storage they all mount, at the same place).

    python3 scripts/dask_extract.py --scheduler tcp://host:8786 /mnt/archive -o graph.pgsnap
    python3 scripts/dask_extract.py /mnt/archive -o graph.json      # a local cluster

Exit status as `polgraph extract`'s: 0 every input read; 1 outputs written but some inputs
failed (on stderr and in --errors); 2 usage error; 3 nothing written (no article could be read,
an output cannot be written, a task failed).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def map_shard(shard, options):
    """On a worker: the records of one shard as --jsonl lines, and its --errors entries.

    shard: (path, id) pairs of the listing. Returns (lines, errors, mapper) where mapper says
    what made the records ("module" or "cli") and where (host and process id).
    """
    import socket

    where = f"{socket.gethostname()}:{os.getpid()}"
    if options["mapper"] != "cli":
        try:
            import polgraph
        except ImportError:
            if options["mapper"] == "module":
                raise
        else:
            import warnings

            with warnings.catch_warnings():  # the failures come back in `errors`
                warnings.simplefilter("ignore", polgraph.InputWarning)
                records = polgraph.records(
                    shard, jobs=1, keyphrases=options["keyphrases"],
                    min_topic_score=options["min_topic_score"], overlay=options["overlay"],
                    data=options["data"], allow_empty=True, as_text=True)
            return list(records), records.errors, "module " + where
    return map_shard_cli(shard, options) + ("cli " + where,)


def map_shard_cli(shard, options):
    """The map step through the command: `polgraph extract --files-from - --jsonl -`, which
    names each file by its stem (so the listing must have given every file its stem)."""
    for path, id_ in shard:
        if path != "-" and stem_id(path) != id_:
            raise RuntimeError(
                f"{path}: the listing gave it the id {id_!r}, not its file stem (files that "
                "share a stem get path-based ids): the polgraph command cannot; install the "
                "polgraph Python module on the workers")
    with tempfile.TemporaryDirectory() as tmp:
        errors = os.path.join(tmp, "errors.jsonl")
        cmd = [options["cli"], "extract", "--files-from", "-", "--jsonl", "-", "-q", "-j", "1",
               "--allow-empty", "--errors", errors,
               "--min-topic-score", repr(options["min_topic_score"])]
        if options["keyphrases"]:
            cmd.append("--keyphrases")
        if options["data"]:
            cmd += ["--data", options["data"]]
        if options["overlay"]:
            cmd += ["--overlay", options["overlay"]]
        run = subprocess.run(cmd, input="".join(p + "\n" for p, _ in shard), text=True,
                             capture_output=True, check=False)
        if run.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(cmd)}: exit status {run.returncode}: {run.stderr}")
        with open(errors, encoding="utf-8") as f:
            failed = [json.loads(line) for line in f]
    return run.stdout.splitlines(), failed


def stem_id(path):
    """The id `polgraph extract` gives a file named on its own: its stem, ':' and '%' escaped."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return stem.replace("%", "%25").replace(":", "%3A")


def list_inputs(args):
    """The (path, id) pairs to extract and the paths that cannot be listed: by the module as
    `polgraph extract` lists them; without it, only files (ids: their stems)."""
    paths = list(args.paths)
    if args.files_from:
        with open(args.files_from, encoding="utf-8") as f:
            paths += [line.rstrip("\r\n") for line in f if line.strip()]
    try:
        import polgraph
    except ImportError:
        polgraph = None
    if polgraph is not None:
        return polgraph.list_inputs(paths, globs=args.glob)
    listed, errors, seen = [], [], {}
    for p in paths:
        if os.path.isdir(p):
            fail(2, f"{p}: a directory: listing directories needs the polgraph Python module "
                    "here; give files (--files-from)")
        if not os.path.exists(p):
            errors.append({"path": p, "reason": "no such file or directory"})
            continue
        id_ = stem_id(p)
        if id_ in seen:
            fail(2, f"{seen[id_]} and {p} share the id {id_!r}: polgraph extract would give them "
                    "path-based ids, which needs the polgraph Python module here")
        seen[id_] = p
        listed.append((p, id_))
    return listed, errors


def merge(lines, args, outputs):
    """Folds the records (--jsonl lines) into a graph and writes `outputs`."""
    with tempfile.TemporaryDirectory() as tmp:
        records = os.path.join(tmp, "records.jsonl")
        with open(records, "w", encoding="utf-8") as f:
            f.writelines(line + "\n" for line in lines)
        try:
            import polgraph
        except ImportError:
            cmd = [args.cli, "merge", records, "-q"]
            for out in outputs:
                cmd += ["-o", out]
            if args.format:
                cmd += ["--format", args.format]
            if subprocess.run(cmd, check=False).returncode != 0:
                fail(3, "merge failed: " + " ".join(cmd))
            return
        try:
            g = polgraph.merge([records])
            for out in outputs:
                g.save(out, format=args.format)
        except polgraph.Error as e:
            fail(3, str(e))


def fail(status, message):
    print(f"dask_extract: {message}", file=sys.stderr)
    sys.exit(status)


def write_lines(path, lines):
    """Writes lines to `path` through a temporary file renamed over it."""
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="files and directories, as for polgraph extract")
    ap.add_argument("--files-from", help="also read input paths from FILE, one per line")
    ap.add_argument("--scheduler", help="the Dask scheduler, e.g. tcp://host:8786 (default: a "
                    "local cluster of --workers processes)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="processes of the local cluster (default: one a core)")
    ap.add_argument("--shard-size", type=int, default=500, help="files per task (default 500)")
    ap.add_argument("-o", "--output", action="append", default=[],
                    help="graph file to write (repeatable; format from --format or the suffix)")
    ap.add_argument("--format", help="output format for every -o")
    ap.add_argument("--jsonl", help="also write the records, one JSON line each, to FILE")
    ap.add_argument("--errors", help="write one JSON line per failed input to FILE")
    ap.add_argument("--glob", help="file patterns to take from directories, as --glob")
    ap.add_argument("--keyphrases", action="store_true")
    ap.add_argument("--min-topic-score", type=float, default=1.0)
    ap.add_argument("--data", help="data directory, as the workers see it")
    ap.add_argument("--overlay", help="curation overlay (TSV), as the workers see it")
    ap.add_argument("--mapper", choices=("auto", "module", "cli"), default="auto",
                    help="what makes the records on the workers: the Python module where it "
                    "imports, else the command (auto), or only one of them")
    ap.add_argument("--cli", default=shutil.which("polgraph") or "polgraph",
                    help="the polgraph command on the workers (and here, without the module)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
    args = ap.parse_args()
    if not args.output and not args.jsonl:
        fail(2, "nothing to write: give -o FILE and/or --jsonl FILE")
    if not args.paths and not args.files_from:
        fail(2, "no input: give files, directories or --files-from FILE")
    if args.shard_size < 1:
        fail(2, "--shard-size must be at least 1")

    from distributed import Client, LocalCluster, as_completed

    t0 = time.monotonic()
    listed, failures = list_inputs(args)
    shards = [listed[i:i + args.shard_size] for i in range(0, len(listed), args.shard_size)]
    options = {"mapper": args.mapper, "cli": args.cli, "keyphrases": args.keyphrases,
               "min_topic_score": args.min_topic_score, "data": args.data,
               "overlay": args.overlay}
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                     dashboard_address=None))
    lines, warned, mappers = [], [], {}
    with client:
        futures = client.map(map_shard, shards, options=options, pure=False)
        done = 0
        results = [None] * len(shards)
        index = {f.key: i for i, f in enumerate(futures)}
        for future in as_completed(futures):
            try:
                results[index[future.key]] = future.result()
            except Exception as e:  # a task that failed: nothing is written
                client.cancel(futures)
                fail(3, f"a task failed: {type(e).__name__}: {e}")
            done += 1
            if not args.quiet and sys.stderr.isatty():
                print(f"\r{done}/{len(shards)} shards", end="", file=sys.stderr)
    for shard_lines, shard_errors, mapper in results:
        lines += shard_lines
        failures += [e for e in shard_errors if "reason" in e]
        warned += [e for e in shard_errors if "warning" in e]
        mappers[mapper] = mappers.get(mapper, 0) + 1
    failures.sort(key=lambda e: e["path"])
    warned.sort(key=lambda e: e["path"])
    if not args.quiet:
        if sys.stderr.isatty():
            print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
        for f in failures:
            print(f"polgraph: {f['path']}: {f['reason']}", file=sys.stderr)
    if args.errors:
        write_lines(args.errors, [json.dumps(e, ensure_ascii=False, separators=(",", ":"))
                                  for e in failures + warned])
    if not lines:
        fail(3, f"0 articles: no input could be read ({len(failures)} errors); nothing written")
    # The ids of the listing are unique: in id order, the lines are `extract --jsonl`'s.
    lines.sort(key=lambda line: json.loads(line)["id"])
    if args.jsonl:
        write_lines(args.jsonl, lines)
    if args.output:
        merge(lines, args, args.output)
    if not args.quiet:
        used = ", ".join(f"{n} on {m}" for m, n in sorted(mappers.items()))
        print(f"dask_extract: {len(lines)} articles from {len(shards)} shards ({used}), "
              f"{len(failures)} errors, {time.monotonic() - t0:.2f} s", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
