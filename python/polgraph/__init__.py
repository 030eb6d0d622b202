"""polgraph from Python: extract a knowledge graph from policy and news articles, query it,
export it, and hand it to NetworkX or pandas.

The work is done by the same C++ library the ``polgraph`` command runs, so ``polgraph.extract``
gives the graph ``polgraph extract`` writes, byte for byte once saved, and the query methods
return what ``polgraph query ... --json`` prints. Long calls release the GIL.

>>> import polgraph
>>> g = polgraph.extract(["data/sample"])
>>> g.related("01_chip-rules-tighten", top=3)["results"][0]["id"]
'...'
>>> g.save("graph.gexf", view="entities", drop_hubs=2)
"""

import json
import os
import warnings

from . import _polgraph
from ._polgraph import Error, InputError, UsageError

__all__ = [
    "Error",
    "Graph",
    "InputError",
    "InputWarning",
    "Records",
    "UsageError",
    "extract",
    "list_inputs",
    "merge",
    "records",
]
__version__ = _polgraph.__version__


class InputWarning(UserWarning):
    """An input file that failed (or was read with a warning), or an article that differs
    between merged inputs. The run goes on without it, as the CLI's does; ``Graph.errors``
    lists every one."""


def _paths(paths):
    """A path or a list of paths (str or os.PathLike) as a list of str."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    return [os.fsdecode(p) for p in paths]


def _inputs(paths):
    """extract's ``paths`` as (paths, listed): a list of str, or (path, id) pairs of
    ``list_inputs``."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    pairs = [p for p in paths if isinstance(p, tuple)]
    if not pairs:
        return _paths(paths), []
    if len(pairs) != len(paths):
        raise UsageError("paths: give paths, or the (path, id) pairs of list_inputs, not both")
    return [], [(os.fsdecode(p), str(i)) for p, i in pairs]


def _globs(globs):
    """--glob's patterns: a list, or "*.md,*.html"."""
    if isinstance(globs, str):
        globs = globs.split(",")
    return list(globs or [])


def _data_dir(data):
    """--data: the data directory, or "" for the library's default ($POLGRAPH_DATA, the source
    tree, the install prefix)."""
    return "" if data is None else os.fsdecode(data)


def _report(failures, warned):
    """Issues an InputWarning per failed input and returns the error report: one dict per
    failure ({"path", "reason"}, by path), then one per warning ({"path", "warning"}, by
    path), as ``extract --errors`` writes them."""
    for path, reason in failures:
        warnings.warn(f"{path}: {reason}", InputWarning, stacklevel=3)
    report = [{"path": p, "reason": r} for p, r in failures]
    report += [{"path": p, "warning": w} for p, w in sorted(warned, key=lambda x: x[0])]
    return report


def _batch(paths, jobs, keyphrases, min_topic_score, overlay, data, globs, max_bytes,
           allow_empty, progress, fold):
    paths, listed = _inputs(paths)
    return _polgraph.extract(
        paths, listed, jobs, keyphrases, float(min_topic_score), _data_dir(data), _globs(globs),
        _polgraph.DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
        "" if overlay is None else os.fsdecode(overlay), allow_empty, os.getcwd(), progress, fold)


def extract(paths, *, jobs=0, keyphrases=False, min_topic_score=1.0, overlay=None, data=None,
            globs=None, max_bytes=None, allow_empty=False, progress=None):
    """Reads articles and builds their knowledge graph, as ``polgraph extract``.

    paths: files and directories (recursed in sorted order), or one of them; or (path, id)
        pairs of ``list_inputs`` (a shard of a listing: the ids stay those of the whole).
    jobs: worker threads (0: one a core); the graph does not depend on it.
    keyphrases, min_topic_score, overlay, data, globs, max_bytes: as ``--keyphrases``,
        ``--min-topic-score``, ``--overlay`` (a curation file: alias, add, never, merge, drop,
        type), ``--data``, ``--glob`` (a list or "*.md,*.html"), ``--max-bytes``.
    allow_empty: return an empty graph rather than raise when no article could be read.
    progress: called as progress(done, total) about every 0.2 s while files are read.

    Files that cannot be read are left out, each with an InputWarning, and listed in the
    graph's ``errors``. Raises InputError when no article could be read (or the data cannot
    be, or the overlay has an error: its file and line), UsageError for bad arguments. Ctrl-C
    stops the run. Relative article paths are those the evidence queries read back, from the
    current directory of this call.
    """
    core, failures, warned = _batch(paths, jobs, keyphrases, min_topic_score, overlay, data,
                                    globs, max_bytes, allow_empty, progress, True)
    return Graph(core, _report(failures, warned))


def records(paths, *, jobs=0, keyphrases=False, min_topic_score=1.0, overlay=None, data=None,
            globs=None, max_bytes=None, allow_empty=False, progress=None, as_text=False):
    """Reads articles and returns an iterator over their records, in id order: each a dict,
    the JSON object ``polgraph extract --jsonl`` writes on a line (with ``as_text``, that line
    itself, without its newline). Takes the arguments of ``extract``; the iterator's
    ``errors`` lists the inputs that failed, as ``Graph.errors`` does. The articles are all
    read (in parallel) before the first record is given; each record is converted as it is
    reached.
    """
    core, failures, warned = _batch(paths, jobs, keyphrases, min_topic_score, overlay, data,
                                    globs, max_bytes, allow_empty, progress, False)
    return Records(core, _report(failures, warned), as_text)


class Records:
    """The records of ``records()``, in id order, converted one at a time: dicts, or with
    ``as_text`` their ``--jsonl`` lines. ``errors`` lists the inputs that failed."""

    def __init__(self, core, errors, as_text):
        self._core = core
        self._next = 0
        self._as_text = as_text
        self.errors = errors

    def __iter__(self):
        return self

    def __next__(self):
        if self._next >= len(self._core):
            raise StopIteration
        self._next += 1
        line = self._core.line(self._next - 1)
        return line if self._as_text else json.loads(line)

    def __length_hint__(self):
        return len(self._core) - self._next


def list_inputs(paths, *, globs=None):
    """The files ``extract`` would read for ``paths``, in its order, as (path, id) pairs, and
    the paths that cannot be listed, as ``errors`` entries ({"path", "reason"}). Ids depend on
    the whole listing (files that share a stem get path-based ids): give a shard of it to
    ``extract`` or ``records`` and its records are those of one run over everything."""
    listed, errors = _polgraph.list_inputs(_paths(paths), _globs(globs))
    return listed, [{"path": p, "reason": r} for p, r in errors]


def merge(inputs, *, jobs=0, allow_empty=False):
    """Folds record files (``extract --jsonl``), node-link JSON graphs and snapshots into one
    graph, as ``polgraph merge``: merge(extract(A), extract(B)) is extract(A + B).

    An article whose records differ between inputs keeps the record with the greater content
    hash, whatever the order, with an InputWarning naming both. Raises InputError for an
    input that cannot be read or is not a record or graph file (nothing is merged).
    """
    core, conflicts = _polgraph.merge(_paths(inputs), jobs, allow_empty, os.getcwd())
    for message in conflicts:
        warnings.warn(message, InputWarning, stacklevel=2)
    return Graph(core, [])


def _need(module, package):
    try:
        return __import__(module)
    except ImportError as e:
        raise ImportError(
            f"{module} is not installed: it is needed to convert a polgraph graph "
            f"(on Debian: apt install {package})") from e


class Graph:
    """A knowledge graph of articles, entities, topics (and keyphrases) and their edges.

    Made by ``extract``, ``merge`` or ``Graph.load``; immutable, safe to query from several
    threads. ``errors`` lists the inputs that failed or were read with a warning (extract only).
    """

    __slots__ = ("_core", "errors")

    def __init__(self, core, errors=()):
        self._core = core
        self.errors = list(errors)

    @classmethod
    def load(cls, path, *, root=None):
        """Loads a graph written by extract, merge or save: node-link JSON or a snapshot
        (.pgsnap, told apart by its first bytes). Raises InputError naming the problem.

        root: where ``evidence`` (and ``path(..., evidence=True)``) read the articles' relative
            paths from: the directory extract ran in (``query --root``); default: the current
            directory.
        """
        root = os.getcwd() if root is None else os.path.abspath(os.fsdecode(root))
        return cls(_polgraph.Graph.load(os.fsdecode(path), root))

    @property
    def root(self):
        """The directory relative article paths are read from by the evidence queries."""
        return self._core.root

    @property
    def node_count(self):
        """Number of nodes of the whole graph."""
        return self._core.node_count

    @property
    def edge_count(self):
        """Number of edges of the whole graph."""
        return self._core.edge_count

    def __repr__(self):
        return f"<polgraph.Graph: {self.node_count} nodes, {self.edge_count} edges>"

    def save(self, path, format=None, view="bipartite", *, dynamic=False, gexf_version="1.3",
             layout=None, layout_iterations=0, seed=1, **filters):
        """Writes the graph (or a view of it) to ``path``, as ``polgraph export``.

        format: json, snapshot, graphml, gexf, graphology, csv, neo4j, html; None takes it
            from the suffix.
        view: bipartite, entities, articles or entity-topic (``--view``); or the flat tables
            mentions (a row per article x entity) and timeline (entity x month), as CSV.
        dynamic, gexf_version: GEXF timeline (``--dynamic``), "1.2" for older readers.
        layout, layout_iterations, seed: node positions for the formats that hold them
            (``--layout``): "fa2" (ForceAtlas2) or "none"; None: fa2 for the HTML page, none
            for the other formats, as export.
        filters: the CLI's view options without their dashes: types (a list or
            "person,organization"), since, until, min_weight, min_articles, top, drop_hubs,
            weight, backbone. An unknown name raises UsageError.
        """
        self._core.save(os.fsdecode(path), format or "", view, filters, dynamic, gexf_version,
                        layout or "", layout_iterations, seed)

    def _query(self, name, args, filters):
        for key in ("query", "id"):
            if key in filters:
                raise UsageError(f'"{name}" query: "{key}" is not a filter')
        q = {"query": name}
        q.update((k, v) for k, v in args.items() if v is not None)
        q.update((k, v) for k, v in filters.items() if v is not None)
        return json.loads(self._core.query(json.dumps(q)))

    def related(self, article=None, entity=None, top=10, **filters):
        """Articles like ``article`` (id or path), each with the shared entities and topics
        that explain it; or, given ``entity``, the articles about it, most prominent first; or,
        given only ``topic=``, the articles on that topic. Returns what ``polgraph query GRAPH
        related ... --json`` prints, as Python objects.

        Every query takes the filters of ``query`` without their dashes: since, until (dates),
        topic, types, exclude_types (lists or "person,organization"), drop_hubs, and weight
        (count or fractional) where the question weighs co-occurrences.
        """
        return self._query("related", {"article": article, "entity": entity, "top": top}, filters)

    def neighbors(self, entity, type=None, top=10, depth=1, **filters):
        """Entities co-occurring with ``entity`` (depth 2: also two hops away), optionally of
        one ``type``; as ``query neighbors --json``."""
        return self._query("neighbors", {"entity": entity, "type": type, "top": top,
                                         "depth": depth}, filters)

    def path(self, a, b, *, max_hops=None, via_sentences=False, evidence=False, **filters):
        """Shortest path between two entities in the co-occurrence network, each hop with its
        articles and relations; as ``query path --json``. max_hops: the longest path accepted;
        via_sentences: only hops whose entities share a sentence; evidence: a quoted sentence per
        hop, read back from the article files (see ``root``). Without a path, ``found`` is
        False and ``reason`` says why."""
        return self._query("path", {"from": a, "to": b, "max_hops": max_hops,
                                    "via_sentences": via_sentences or None,
                                    "evidence": evidence or None}, filters)

    def top(self, by="degree", type=None, topic=None, top=10, **filters):
        """Central entities by degree, weighted, pagerank or betweenness, optionally of one
        ``type`` or within one ``topic``'s articles; as ``query top --json``."""
        return self._query("top", {"by": by, "type": type, "topic": topic, "top": top},
                           filters)

    def topics(self, top=10, **filters):
        """Topics with their article counts, first and last dates and the ``top`` entities in
        most of their articles (subtopics counted in their parent); as ``query topics
        --json``."""
        return self._query("topics", {"top": top}, filters)

    def evidence(self, a, b, top=10, **filters):
        """The sentences naming both entities, newest article first, read back from the
        article files (relative paths under ``root``); a file that moved or changed since
        extraction is reported in ``status``, never misquoted. As ``query evidence --json``."""
        return self._query("evidence", {"a": a, "b": b, "top": top}, filters)

    def stats(self):
        """Counts per node type and edge kind, dates, sources and components of the whole
        graph; as ``query stats --json``."""
        return self._query("stats", {}, {})

    def _table(self, view, filters):
        return self._core.table(view, filters)

    def to_pandas(self, view="bipartite", **filters):
        """The graph (or a view, with the filters of ``save``) as two pandas DataFrames,
        ``(nodes, edges)``: a row per node (``id``, ``label``, ``kind``, ``type``, ...) and per
        edge (``source``, ``target``, ``kind``, ``weight``, ``directed``, ...), with the
        attributes GraphML carries. Needs pandas."""
        pandas = _need("pandas", "python3-pandas")
        t = self._table(view, filters)
        return pandas.DataFrame(t["nodes"]), pandas.DataFrame(t["edges"])

    def to_networkx(self, view="bipartite", **filters):
        """The graph (or a view, with the filters of ``save``) as a NetworkX graph keyed by
        node id, with the attributes GraphML carries. The bipartite view mixes directed and
        undirected edges: it is a MultiDiGraph whose edges carry ``directed``; the other views
        are undirected Graphs (MultiGraph where two edges join one pair). Needs networkx."""
        nx = _need("networkx", "python3-networkx")
        t = self._table(view, filters)
        if t["directed"]:
            g = nx.MultiDiGraph() if t["multigraph"] or view == "bipartite" else nx.DiGraph()
        else:
            g = nx.MultiGraph() if t["multigraph"] else nx.Graph()
        g.graph["view"] = view
        nodes, edges = t["nodes"], t["edges"]
        names = [k for k in nodes if k != "id"]
        for i, node in enumerate(nodes["id"]):
            g.add_node(node, **{k: nodes[k][i] for k in names if nodes[k][i] is not None})
        names = [k for k in edges if k not in ("source", "target")]
        for i, (s, t_) in enumerate(zip(edges["source"], edges["target"])):
            g.add_edge(s, t_, **{k: edges[k][i] for k in names if edges[k][i] is not None})
        return g
