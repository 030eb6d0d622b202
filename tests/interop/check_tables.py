#!/usr/bin/env python3
"""Check polgraph's CSV exports with Python's csv module (RFC 4180 reader, strict mode).

    check_tables.py gephi BASE     BASE.nodes.csv + BASE.edges.csv (Gephi spreadsheet import)
    check_tables.py neo4j BASE     BASE.neo4j.nodes.csv + BASE.neo4j.relationships.csv
    check_tables.py ... --labels   also print every node label (JSON list) on a second line

Prints one JSON line: {"ok": true, "nodes": N, "edges": M} or {"ok": false, "error": ...}.
Checks: the header, one field per column on every row, unique node ids, every edge end is a
node, Type Directed/Undirected and numeric Weight (gephi); typed columns parse as their type,
no field spans lines (neo4j-admin's default) and :LABEL / :TYPE are plain identifiers (neo4j).
"""
import csv
import datetime
import io
import json
import re
import sys

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Bad(Exception):
    pass


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not rows:
        raise Bad(f"{path}: empty")
    header, body = rows[0], rows[1:]
    for i, row in enumerate(body, 2):
        if len(row) != len(header):
            raise Bad(f"{path}: row {i} has {len(row)} fields, header has {len(header)}")
    return text, header, body


def check_value(path, column, kind, value):
    if value == "":
        return
    values = value.split(";") if kind.endswith("[]") else [value]
    base = kind[:-2] if kind.endswith("[]") else kind
    for v in values:
        try:
            if base in ("long", "int"):
                int(v)
            elif base in ("double", "float"):
                float(v)
            elif base == "boolean":
                if v not in ("true", "false"):
                    raise ValueError(v)
            elif base == "date":
                datetime.date.fromisoformat(v)
        except ValueError:
            raise Bad(f"{path}: column {column} ({kind}) holds {v!r}")


def gephi(base):
    npath, epath = base + ".nodes.csv", base + ".edges.csv"
    _, nh, nodes = read(npath)
    _, eh, edges = read(epath)
    if nh[:3] != ["Id", "Label", "Type"]:
        raise Bad(f"{npath}: header starts {nh[:3]}")
    if eh[:5] != ["Source", "Target", "Type", "Kind", "Weight"]:
        raise Bad(f"{epath}: header starts {eh[:5]}")
    ids = [r[0] for r in nodes]
    if len(set(ids)) != len(ids):
        raise Bad(f"{npath}: repeated Id")
    known = set(ids)
    for r in edges:
        for end in r[:2]:
            if end not in known:
                raise Bad(f"{epath}: edge end {end!r} is not a node")
        if r[2] not in ("Directed", "Undirected"):
            raise Bad(f"{epath}: Type {r[2]!r}")
        float(r[4])
    return nodes, edges, [r[1] for r in nodes]


def neo4j(base):
    npath, rpath = base + ".neo4j.nodes.csv", base + ".neo4j.relationships.csv"
    ntext, nh, nodes = read(npath)
    rtext, rh, rels = read(rpath)
    if nh[:3] != ["id:ID", ":LABEL", "name"]:
        raise Bad(f"{npath}: header starts {nh[:3]}")
    if rh[:3] != [":START_ID", ":END_ID", ":TYPE"]:
        raise Bad(f"{rpath}: header starts {rh[:3]}")
    for text, rows, path in ((ntext, nodes, npath), (rtext, rels, rpath)):
        if text.count("\n") != len(rows) + 1:
            raise Bad(f"{path}: a field spans lines (needs --multiline-fields)")
    for path, header, rows in ((npath, nh, nodes), (rpath, rh, rels)):
        for i, col in enumerate(header):
            if col.startswith(":") or col == "id:ID":
                continue
            name, _, kind = col.partition(":")
            if not IDENT.match(name):
                raise Bad(f"{path}: property name {name!r}")
            for r in rows:
                check_value(path, col, kind or "string", r[i])
    ids = [r[0] for r in nodes]
    if len(set(ids)) != len(ids):
        raise Bad(f"{npath}: repeated :ID")
    for r in nodes:
        for label in r[1].split(";"):
            if not IDENT.match(label):
                raise Bad(f"{npath}: label {label!r}")
    known = set(ids)
    for r in rels:
        for end in r[:2]:
            if end not in known:
                raise Bad(f"{rpath}: :START_ID/:END_ID {end!r} is not a node")
        if not IDENT.match(r[2]):
            raise Bad(f"{rpath}: :TYPE {r[2]!r}")
    return nodes, rels, [r[2] for r in nodes]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2 or args[0] not in ("gephi", "neo4j"):
        sys.stderr.write(__doc__)
        return 2
    try:
        nodes, edges, labels = (gephi if args[0] == "gephi" else neo4j)(args[1])
    except (Bad, csv.Error, ValueError, OSError, UnicodeDecodeError) as e:
        print(json.dumps({"ok": False, "error": f"{type(e).__name__}: {e}"}))
        return 1
    print(json.dumps({"ok": True, "nodes": len(nodes), "edges": len(edges)}))
    if "--labels" in argv:
        print(json.dumps(labels, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
