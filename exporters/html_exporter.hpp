#pragma once
/// A self-contained HTML page that draws a view and lets one explore it in a browser: search by
/// name or alias, a details panel (a node's attributes, its articles, its top neighbours),
/// filters by type, edge weight and date. The page's template, style sheet and script live in
/// exporters/html/ and are embedded at build time (cmake/embed_assets.cmake); the page fetches
/// nothing (no network at all, and a Content-Security-Policy that forbids it), so it works
/// offline from file://. Same view, same bytes.
///
/// The graph is embedded as JSON in `<script type="application/json" id="polgraph-data">`, with
/// every `<` and U+2028/U+2029 written as \uXXXX so that no text can end the element. Tables are
/// stored by column; every list of a table has one entry per row:
///
///     {"format": "polgraph-html-1", "view": "entities", "filters": "--view entities",
///      "types": ["organization", ...], "colors": ["#0072b2", ...],   // by node count, then name
///      "kinds": ["co_occurs"],                                       // edge kinds, sorted
///      "articles": {"title": [...], "date": [...], "source": [...], "url": [...]},
///      "nodes": {"id": [...], "label": [...], "type": [type index], "date": [first date],
///                "mentions": [...], "articles": [articles, in the view's dates when filtered],
///                "aliases": [[surface forms other than the label]], "attrs": [{name: text}],
///                "refs": [[article rows, ascending]], "x": [...], "y": [...]},
///      "edges": {"source": [node row], "target": [node row], "weight": [...],
///                "kind": [kind index]}}
///
/// `articles` holds every article that a node of the view stands for or is mentioned in (from
/// the graph's mentions, has_topic and has_keyphrase edges, so also in views without article
/// nodes), sorted by date (undated first), then id: a date range is a range of rows. A node's
/// `refs` are its rows: an article node's own, an entity's articles, a topic's or keyphrase's.
/// `x`/`y` are present only when the view has positions (GraphView::positions); `kind` only
/// when there is more than one kind. Integers are written without a fraction, other numbers to
/// four significant digits (five for positions).
#include "exporters/exporter.hpp"

namespace polgraph {

class HtmlExporter : public Exporter {
public:
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
};

} // namespace polgraph
