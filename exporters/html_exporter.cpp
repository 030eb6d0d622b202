#include "exporters/html_exporter.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "exporters/escape.hpp"
#include "exporters/keys.hpp"
#include "exporters/html/assets.hpp"

namespace polgraph {

namespace {

using NodeIndex = KnowledgeGraph::NodeIndex;

// Numbers are drawn, not read back: integers without ".0", others to `digits` significant
// digits. The page of a 2,000-entity view holds about a million of them.
void append_short_number(std::string& o, double x, int digits = 4) {
    if (!std::isfinite(x)) x = 0;
    if (x == std::floor(x) && std::fabs(x) < 1e15) {
        append_integer(o, static_cast<std::int64_t>(x));
        return;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, digits);
    o.append(buf, r.ptr);
}

// `"name":[item(0),item(1),...]`
template <class Item>
void append_column(std::string& o, std::string_view name, std::size_t n, Item&& item) {
    append_json_string(o, name);
    o += ":[";
    for (std::size_t i = 0; i < n; ++i) {
        if (i) o += ',';
        item(i);
    }
    o += ']';
}

void append_strings(std::string& o, const std::vector<std::string>& list) {
    o += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) o += ',';
        append_json_string(o, list[i]);
    }
    o += ']';
}

// What the page shows of one node, from GraphView::node_attrs so that the page and the other
// formats agree on what a node's attributes are.
struct NodeFacts {
    std::vector<std::string> aliases;
    std::vector<std::pair<std::string, std::string>> attrs; // shown in the details panel
    double mentions = 0;
    std::int64_t articles = 0, articles_in_view = -1;
};

NodeFacts node_facts(const GraphView& view, NodeIndex v) {
    const KnowledgeGraph& g = *view.graph;
    const Node& n = g.node(v);
    NodeFacts f;
    f.mentions = n.mentions;
    f.articles = n.articles;
    for (const auto& a : view.node_attrs(v)) {
        if (a.json_only) continue;
        if (a.name == "articles_in_view") {
            f.articles_in_view = std::get<std::int64_t>(a.value);
        } else if (a.name == "forms") {
            for (const auto& form : std::get<std::vector<std::string>>(a.value))
                if (form != n.label) f.aliases.push_back(form);
        } else if (a.name.rfind("attr_", 0) == 0 || a.name == "authors" || a.name == "tags" ||
                   a.name == "source" || a.name == "parent") {
            std::string text = attr_text(a.value);
            if (a.name == "parent")
                if (auto p = g.find(text)) text = g.node(*p).label;
            if (!text.empty())
                f.attrs.emplace_back(a.name.rfind("attr_", 0) == 0 ? a.name.substr(5) : a.name,
                                     std::move(text));
        }
    }
    return f;
}

// The articles behind each node of the view, and the table of them sorted by (date, id).
struct ArticleTable {
    std::vector<NodeIndex> rows;                 ///< article nodes of the graph, in table order
    std::vector<std::vector<std::int64_t>> refs; ///< per view node: its rows, ascending
};

ArticleTable article_table(const GraphView& view) {
    const KnowledgeGraph& g = *view.graph;
    std::vector<std::vector<NodeIndex>> of(view.nodes.size());
    std::vector<char> listed(g.node_count(), 0);
    for (std::size_t i = 0; i < view.nodes.size(); ++i) {
        const NodeIndex v = view.nodes[i];
        if (g.node(v).kind == NodeKind::Article) {
            of[i].push_back(v);
        } else {
            g.for_each_in_edge(v, [&](NodeIndex a, const Edge& e) {
                if (is_article_edge(e.kind) && g.node(a).kind == NodeKind::Article)
                    of[i].push_back(a);
            });
        }
        for (NodeIndex a : of[i]) listed[a] = 1;
    }
    ArticleTable t;
    for (NodeIndex a = 0; a < g.node_count(); ++a)
        if (listed[a]) t.rows.push_back(a);
    std::sort(t.rows.begin(), t.rows.end(), [&](NodeIndex a, NodeIndex b) {
        const Node &x = g.node(a), &y = g.node(b);
        return x.date != y.date ? x.date < y.date : x.id < y.id;
    });
    std::unordered_map<NodeIndex, std::int64_t> row;
    for (std::size_t r = 0; r < t.rows.size(); ++r) row[t.rows[r]] = static_cast<std::int64_t>(r);
    t.refs.resize(view.nodes.size());
    for (std::size_t i = 0; i < of.size(); ++i) {
        for (NodeIndex a : of[i]) t.refs[i].push_back(row.at(a));
        std::sort(t.refs[i].begin(), t.refs[i].end());
        t.refs[i].erase(std::unique(t.refs[i].begin(), t.refs[i].end()), t.refs[i].end());
    }
    return t;
}

// Distinct values in a fixed order, and each value's index.
struct Names {
    std::vector<std::string> list;
    std::map<std::string, std::int64_t, std::less<>> index;
    void finish() {
        for (std::size_t k = 0; k < list.size(); ++k) index[list[k]] = static_cast<std::int64_t>(k);
    }
};

// Node types, most frequent first (the legend's order), ties by name.
Names node_types(const GraphView& view) {
    std::map<std::string, std::size_t> count;
    for (NodeIndex v : view.nodes) ++count[view.graph->node(v).type];
    Names t;
    for (const auto& [type, n] : count) t.list.push_back(type);
    std::stable_sort(t.list.begin(), t.list.end(), [&](const std::string& a, const std::string& b) {
        return count[a] > count[b];
    });
    t.finish();
    return t;
}

// Edge kinds, sorted.
Names edge_kinds(const GraphView& view) {
    std::set<std::string, std::less<>> seen;
    for (const auto& e : view.edges)
        if (seen.find(e.kind) == seen.end()) seen.emplace(e.kind);
    Names k;
    k.list.assign(seen.begin(), seen.end());
    k.finish();
    return k;
}

std::string page_data(const GraphView& view) {
    const KnowledgeGraph& g = *view.graph;
    const std::size_t n = view.nodes.size();
    if (!view.positions.empty() && view.positions.size() != n)
        throw Error("view " + view.name + ": " + std::to_string(view.positions.size()) +
                    " positions for " + std::to_string(n) + " nodes");
    const Names types = node_types(view);
    const Names kinds = edge_kinds(view);
    const ArticleTable table = article_table(view);
    std::vector<NodeFacts> facts;
    facts.reserve(n);
    for (NodeIndex v : view.nodes) facts.push_back(node_facts(view, v));

    std::string o = "{\"format\":\"polgraph-html-1\",\"view\":";
    append_json_string(o, view.name);
    o += ",\"filters\":";
    append_json_string(o, view.filters);
    o += ",\n\"types\":";
    append_strings(o, types.list);
    o += ",\"colors\":[";
    for (std::size_t k = 0; k < types.list.size(); ++k) {
        if (k) o += ',';
        append_json_string(o, type_color(types.list[k]));
    }
    o += "],\n\"kinds\":";
    append_strings(o, kinds.list);

    const auto& rows = table.rows;
    auto article_column = [&](std::string_view name, auto field) {
        append_column(o, name, rows.size(),
                      [&](std::size_t r) { append_json_string(o, field(g.node(rows[r]))); });
    };
    o += ",\n\"articles\":{";
    article_column("title", [](const Node& a) -> const std::string& {
        return a.article.title.empty() ? a.id : a.article.title;
    });
    o += ",\n";
    article_column("date", [](const Node& a) -> const std::string& { return a.date; });
    o += ",\n";
    article_column("source", [](const Node& a) -> const std::string& { return a.article.source; });
    o += ",\n";
    article_column("url", [](const Node& a) -> const std::string& { return a.article.url; });

    auto node_column = [&](std::string_view name, auto item) {
        o += ",\n";
        append_column(o, name, n, item);
    };
    o += "},\n\"nodes\":{";
    auto node = [&](std::size_t i) -> const Node& { return g.node(view.nodes[i]); };
    append_column(o, "id", n, [&](std::size_t i) { append_json_string(o, node(i).id); });
    node_column("label", [&](std::size_t i) { append_json_string(o, node(i).label); });
    node_column("type",
                [&](std::size_t i) { append_integer(o, types.index.find(node(i).type)->second); });
    node_column("date", [&](std::size_t i) { append_json_string(o, node(i).date); });
    node_column("mentions", [&](std::size_t i) { append_short_number(o, facts[i].mentions); });
    node_column("articles", [&](std::size_t i) {
        const NodeFacts& f = facts[i];
        append_integer(o, f.articles_in_view >= 0 ? f.articles_in_view : f.articles);
    });
    node_column("aliases", [&](std::size_t i) { append_strings(o, facts[i].aliases); });
    node_column("attrs", [&](std::size_t i) {
        o += '{';
        bool first = true;
        for (const auto& [name, text] : facts[i].attrs) {
            if (!first) o += ',';
            first = false;
            append_json_string(o, name);
            o += ':';
            append_json_string(o, text);
        }
        o += '}';
    });
    node_column("refs", [&](std::size_t i) {
        o += '[';
        for (std::size_t k = 0; k < table.refs[i].size(); ++k) {
            if (k) o += ',';
            append_integer(o, table.refs[i][k]);
        }
        o += ']';
    });
    if (!view.positions.empty()) {
        node_column("x", [&](std::size_t i) { append_short_number(o, view.positions[i][0], 5); });
        node_column("y", [&](std::size_t i) { append_short_number(o, view.positions[i][1], 5); });
    }

    // Edges by node row: the position of each node in view.nodes.
    std::unordered_map<NodeIndex, std::int64_t> row_of;
    row_of.reserve(n);
    for (std::size_t i = 0; i < n; ++i) row_of.emplace(view.nodes[i], static_cast<std::int64_t>(i));
    std::vector<std::int64_t> source, target, kind;
    std::vector<double> weight;
    for (const ViewEdge& e : view.edges) {
        source.push_back(row_of.at(e.source));
        target.push_back(row_of.at(e.target));
        weight.push_back(e.weight);
        kind.push_back(kinds.index.find(e.kind)->second);
    }
    const std::size_t m = source.size();
    o += "},\n\"edges\":{";
    append_column(o, "source", m, [&](std::size_t i) { append_integer(o, source[i]); });
    o += ",\n";
    append_column(o, "target", m, [&](std::size_t i) { append_integer(o, target[i]); });
    o += ",\n";
    append_column(o, "weight", m, [&](std::size_t i) { append_short_number(o, weight[i]); });
    if (kinds.list.size() > 1) {
        o += ",\n";
        append_column(o, "kind", m, [&](std::size_t i) { append_integer(o, kind[i]); });
    }
    o += "}}";
    return o;
}

// Writes `page` with each {{name}} slot replaced by its text (the slots' texts are not searched
// for slots in turn). An unknown or unterminated slot is a bug in the template.
void fill_template(std::ostream& out, std::string_view page,
                   const std::map<std::string_view, std::string_view>& slots) {
    for (std::size_t at = 0;;) {
        const std::size_t open = page.find("{{", at);
        out << page.substr(at, open == std::string_view::npos ? open : open - at);
        if (open == std::string_view::npos) return;
        const std::size_t close = page.find("}}", open);
        const auto it = close == std::string_view::npos
                            ? slots.end()
                            : slots.find(page.substr(open + 2, close - open - 2));
        if (it == slots.end())
            throw Error("exporters/html/viewer.html: unknown slot at byte " + std::to_string(open));
        out << it->second;
        at = close + 2;
    }
}

} // namespace

void HtmlExporter::write(const GraphView& view, std::ostream& out, std::size_t) const {
    const std::string title = xml_escape("polgraph: " + view.name + " view");
    const std::string data = json_for_script(page_data(view));
    fill_template(out, detail::viewer_html(),
                  {{"title", title},
                   {"style", detail::viewer_css()},
                   {"data", data},
                   {"script", detail::viewer_js()}});
}

} // namespace polgraph
