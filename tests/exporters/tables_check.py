#!/usr/bin/python3
"""Check export --view mentions / timeline tables with pandas against the graph they came from.

    tables_check.py GRAPH.json MENTIONS.csv TIMELINE.csv

Prints one JSON line: {"ok": true, "mentions": ROWS, "timeline": ROWS} or {"ok": false, "error": ...}.
Every mentions row is a mentions link of the graph with its weight, the article's title, date and
source and the entity's name and type, and every link is a row; the timeline's articles and
mentions per entity and month add up to the links from the articles of that month.
"""
import collections
import json
import sys

import pandas as pd


def main(graph_path, mentions_path, timeline_path):
    g = json.load(open(graph_path, encoding="utf-8"))
    nodes = {n["id"]: n for n in g["nodes"]}
    links = {(l["source"], l["target"]): l for l in g["links"] if l["kind"] == "mentions"}
    m = pd.read_csv(mentions_path, dtype={"date": str, "source": str, "title": str},
                    keep_default_na=False)
    want = ["article", "title", "date", "source", "entity", "name", "type", "mentions", "in_lead",
            "first_sentence"]
    if list(m.columns) != want:
        raise AssertionError(f"mentions columns {list(m.columns)}")
    seen = set()
    for r in m.itertuples(index=False):
        key = (r.article, r.entity)
        if key not in links:
            raise AssertionError(f"row {key} is no mentions link")
        if key in seen:
            raise AssertionError(f"row {key} twice")
        seen.add(key)
        a, e, l = nodes[r.article], nodes[r.entity], links[key]
        if r.title != a["label"] or r.date != a.get("date", "") or r.name != e["label"] \
                or r.type != e["type"] or r.mentions != l["weight"]:
            raise AssertionError(f"row {key} differs from the graph")
        if str(r.in_lead).lower() != str(l.get("in_lead", False)).lower():
            raise AssertionError(f"row {key}: in_lead")
    if seen != set(links):
        raise AssertionError(f"{len(links) - len(seen)} links have no row")
    t = pd.read_csv(timeline_path, dtype={"month": str}, keep_default_na=False)
    if list(t.columns) != ["entity", "name", "type", "month", "articles", "mentions"]:
        raise AssertionError(f"timeline columns {list(t.columns)}")
    expect = collections.defaultdict(lambda: [0, 0.0])
    for (a, e), l in links.items():
        date = nodes[a].get("date", "")
        if len(date) >= 7:
            c = expect[(e, date[:7])]
            c[0] += 1
            c[1] += l["weight"]
    got = {(r.entity, r.month): [r.articles, float(r.mentions)] for r in t.itertuples(index=False)}
    if got != dict(expect):
        raise AssertionError("timeline cells differ from the graph's links")
    print(json.dumps({"ok": True, "mentions": len(m), "timeline": len(t)}))


if __name__ == "__main__":
    try:
        main(*sys.argv[1:4])
    except AssertionError as e:
        print(json.dumps({"ok": False, "error": str(e)}))
